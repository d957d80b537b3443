//! The six languages a document prints in (plenary_core::Lang), each named in its own language
//! as a language picker shows it, for the Print screen and the event form.
import type { Lang } from "$lib/bindings";

export type { Lang } from "$lib/bindings";

/** The six languages in the order of their codes, as `Lang::ALL` lists them. */
export const DOC_LANGUAGES: readonly { code: Lang; name: string }[] = [
	{ code: "ar", name: "العربية" },
	{ code: "en", name: "English" },
	{ code: "es", name: "Español" },
	{ code: "fr", name: "Français" },
	{ code: "ru", name: "Русский" },
	{ code: "zh", name: "中文" },
];

/** A language's own name; the code itself for an unknown one. */
export function languageName(code: string): string {
	return DOC_LANGUAGES.find((l) => l.code === code)?.name ?? code;
}
