//! Attendee categories: the core's built-in ones (translated here), more added per event by
//! the user.

import type { Category } from "$lib/bindings";
import tables from "$lib/generated/core-tables.json";
import { hasKey, t } from "$lib/i18n";

/** The built-in category keys in the core's order (`model::BUILTIN_CATEGORIES`). */
export const BUILTIN_CATEGORIES: readonly string[] = tables.builtin_categories.map((c) => c.key);

/** The label to show for a category key: the translation for built-ins, else the stored label. */
export function categoryLabel(key: string, categories: readonly Category[]): string {
	const found = categories.find((c) => c.key === key);
	if ((found?.builtin ?? BUILTIN_CATEGORIES.includes(key)) && hasKey(`categories.${key}`)) {
		return t(`categories.${key}`);
	}
	return found?.label || key;
}
