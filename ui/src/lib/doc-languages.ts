//! The six languages a document prints in (plenary_core::Lang), each named in its own language
//! as a language picker shows it, for the Print screen and the event form. The list and the
//! names are the UI's own (i18n.ts), so there is one list of languages in the app.
import type { Lang } from "$lib/bindings";
import { LANGUAGES, NATIVE_NAMES } from "$lib/i18n";

export type { Lang } from "$lib/bindings";

/** The six languages in the order of their codes, as `Lang::ALL` lists them. */
export const DOC_LANGUAGES: readonly { code: Lang; name: string }[] = LANGUAGES.map((code) => ({
	code,
	name: NATIVE_NAMES[code],
}));

/** A language's own name; the code itself for an unknown one. */
export function languageName(code: string): string {
	return DOC_LANGUAGES.find((l) => l.code === code)?.name ?? code;
}
