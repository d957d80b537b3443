//! Every user-visible string goes through `t`. Resources are bundled (no fetching), and English
//! is the only language for now. Formatting of dates and numbers uses `formatLocale`, which can
//! differ from the UI language tag: English UI text follows UN (British) conventions.

import i18next, { type TOptions } from "i18next";
import en from "../locales/en.json";

/** The language of the UI text. */
export const uiLanguage = "en";

const i18n = i18next.createInstance();
void i18n.init({
	lng: uiLanguage,
	fallbackLng: uiLanguage,
	resources: { en: { translation: en } },
	// Svelte escapes text itself; escaping here too would show "&amp;" to the user.
	interpolation: { escapeValue: false },
	// Resources are in memory, so initialisation can finish before the first render.
	initAsync: false,
	returnNull: false,
	returnEmptyString: false,
	// No advertising in the console of a desktop app.
	showSupportNotice: false,
});

/** Translates `key` (a dotted path into en.json) with interpolation values. */
export function t(key: string, options?: TOptions): string {
	// i18next's overloads want literal keys; en.json keys are checked by i18n.test.ts instead.
	return (i18n.t as (key: string, options?: TOptions) => string)(key, options);
}

/** True when en.json has the key (or its plural forms). */
export function hasKey(key: string): boolean {
	return i18n.exists(key) || i18n.exists(`${key}_other`);
}

/** The locale used for Intl formatting of dates, numbers, collation and country names. */
export function formatLocale(): string {
	return uiLanguage === "en" ? "en-GB" : uiLanguage;
}

/** Formats a count with the locale's digit grouping ("1,250"). */
export function formatNumber(n: number): string {
	return new Intl.NumberFormat(formatLocale()).format(n);
}
