//! Attendee categories: six built in (translated here), more added per event by the user.

import type { Category } from "$lib/bindings";
import { hasKey, t } from "$lib/i18n";

export const BUILTIN_CATEGORIES = ["official", "expert", "speaker", "press", "staff", "guest"];

/** The label to show for a category key: the translation for built-ins, else the stored label. */
export function categoryLabel(key: string, categories: readonly Category[]): string {
	const found = categories.find((c) => c.key === key);
	if ((found?.builtin ?? BUILTIN_CATEGORIES.includes(key)) && hasKey(`categories.${key}`)) {
		return t(`categories.${key}`);
	}
	return found?.label || key;
}
