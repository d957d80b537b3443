//! Every user-visible string goes through `t`. The UI speaks the six UN languages and switches
//! between them at run time: the current language is Svelte state (language.svelte.ts) that `t`
//! and `formatLocale` read, so every text re-renders in place and nothing on screen is lost.
//!
//! English is bundled as the fallback; the five other files are loaded with a dynamic `import()`
//! when first chosen, so that the first paint does not grow with every language added.
//!
//! Locale tags for `Intl` (the same as `Lang::locale_tag()` in src-tauri/core/src/lang.rs, so the
//! screen and the printed documents write dates alike):
//! - ar → `ar-u-nu-latn-ca-gregory`: the UN's Arabic documents use the Gregorian calendar and
//!   Western ("Latin") digits; bare `ar` gives Arabic-Indic digits in some engines and `ar-SA` the
//!   Islamic calendar, which would put other dates on screen than on paper.
//! - en → `en-GB`: UN English follows British usage ("3 September 2024", 24-hour times).
//! - es, fr, ru → the bare language: the CLDR defaults are the forms the UN uses.
//! - zh → `zh-Hans`: Simplified Chinese, the UN's written form of Chinese.

import i18next, { type TOptions } from "i18next";
import en from "../locales/en.json";
import { languageState, type UiLanguage } from "./language.svelte";

export type { UiLanguage };

/** The six languages, in the order of their codes, as `Lang::ALL`. */
export const LANGUAGES = ["ar", "en", "es", "fr", "ru", "zh"] as const;
export type Language = (typeof LANGUAGES)[number];

/** The pseudo-locale: English ~40% longer with accents, to find clipped text. Not offered. */
export const PSEUDO = "en-XA";

/** Each language's name in that language, as `Lang::native_name`. */
export const NATIVE_NAMES: Record<Language, string> = {
	ar: "العربية",
	en: "English",
	es: "Español",
	fr: "Français",
	ru: "Русский",
	zh: "中文",
};

/** The `Intl` locale of each language, as `Lang::locale_tag` (see the note at the top). */
export const LOCALE_TAGS: Record<UiLanguage, string> = {
	ar: "ar-u-nu-latn-ca-gregory",
	en: "en-GB",
	es: "es",
	fr: "fr",
	ru: "ru",
	zh: "zh-Hans",
	[PSEUDO]: "en-GB",
};

/** Where the choice is remembered, like `plenary.section`. */
export const LANGUAGE_KEY = "plenary.language";

const i18n = i18next.createInstance();
void i18n.init({
	lng: "en",
	fallbackLng: "en",
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

/** The non-English files, each its own chunk, fetched when the language is first chosen. */
const LOADERS = import.meta.glob<Record<string, unknown>>(
	["../locales/*.json", "!../locales/en.json"],
	{ import: "default" },
);

/** The language the UI text is in now (reactive: reading it in a component tracks it). */
export function currentLanguage(): UiLanguage {
	return languageState.current;
}

/** True for a language written right to left. */
export function isRtl(lang: UiLanguage): boolean {
	return lang === "ar";
}

/** The writing direction of the current language, for the rare place that computes geometry. */
export function textDirection(): "ltr" | "rtl" {
	return isRtl(languageState.current) ? "rtl" : "ltr";
}

export function isLanguage(value: unknown): value is Language {
	return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** The first of the OS's preferred languages that is one of the six, else English. */
export function osLanguage(preferred: readonly string[]): Language {
	for (const tag of preferred) {
		const primary = tag.trim().split(/[-_]/)[0]?.toLowerCase();
		if (isLanguage(primary)) return primary;
	}
	return "en";
}

/** The remembered choice, else the OS's language (a first run). */
export function initialLanguage(): UiLanguage {
	const stored = readStored();
	if (stored === PSEUDO || isLanguage(stored)) return stored;
	const preferred = typeof navigator === "undefined" ? [] : (navigator.languages ?? []);
	return osLanguage(preferred);
}

function readStored(): string | null {
	try {
		return globalThis.localStorage?.getItem(LANGUAGE_KEY) ?? null;
	} catch {
		return null;
	}
}

async function loadResources(lang: UiLanguage): Promise<void> {
	if (lang === "en" || i18n.hasResourceBundle(lang, "translation")) return;
	if (lang === PSEUDO) {
		const { pseudoTree } = await import("./pseudo");
		i18n.addResourceBundle(lang, "translation", pseudoTree(en));
		return;
	}
	const load = LOADERS[`../locales/${lang}.json`];
	const tree = load ? await load() : {};
	i18n.addResourceBundle(lang, "translation", tree);
}

/** Puts `lang` and `dir` on the document, so the browser lays the page out and picks fonts. */
function applyToDocument(lang: UiLanguage) {
	if (typeof document === "undefined") return;
	const root = document.documentElement;
	root.lang = lang === PSEUDO ? "en" : lang;
	root.dir = isRtl(lang) ? "rtl" : "ltr";
}

/**
 * Switches the UI to `lang`: loads its file if needed, then changes the state that every `t`
 * reads. `remember` stores the choice (a user's pick); the start-up call does not store the
 * OS's language, so that a later change of the OS language is followed.
 */
export async function setLanguage(lang: UiLanguage, remember = true): Promise<void> {
	await loadResources(lang);
	await i18n.changeLanguage(lang);
	languageState.current = lang;
	applyToDocument(lang);
	if (remember) {
		try {
			globalThis.localStorage?.setItem(LANGUAGE_KEY, lang);
		} catch {
			// Private mode or a full disk: the choice lasts this session only.
		}
	}
}

/** Called once before the first paint: the remembered language, else the OS's. */
export async function initLanguage(): Promise<void> {
	const lang = initialLanguage();
	try {
		await setLanguage(lang, false);
	} catch {
		// A missing chunk must not keep the app from starting: English is always there.
		await setLanguage("en", false);
	}
}

/** Translates `key` (a dotted path into en.json) with interpolation values. */
export function t(key: string, options?: TOptions): string {
	// Reading the state makes every caller in a template or `$derived` re-run on a change.
	const lng = languageState.current;
	// i18next's overloads want literal keys; en.json keys are checked by i18n.test.ts instead.
	return (i18n.t as (key: string, options?: TOptions) => string)(key, { lng, ...options });
}

/** True when en.json has the key (or its plural forms). */
export function hasKey(key: string): boolean {
	return i18n.exists(key, { lng: "en" }) || i18n.exists(`${key}_other`, { lng: "en" });
}

/**
 * The locale used for Intl formatting of dates, numbers, collation and lists: one tag per
 * language, with the Gregorian calendar and Western digits pinned (see the note at the top).
 */
export function formatLocale(): string {
	return LOCALE_TAGS[languageState.current];
}

/** Formats a count with the locale's digit grouping ("1,250"). */
export function formatNumber(n: number): string {
	return new Intl.NumberFormat(formatLocale()).format(n);
}

/** Joins names as the language does ("A, B and C", « A, B et C », 「A、B和C」). */
export function formatList(
	items: readonly string[],
	type: "conjunction" | "disjunction" = "conjunction",
): string {
	return new Intl.ListFormat(formatLocale(), { style: "long", type }).format(items.map(isolate));
}

const FSI = "\u2068";
const PDI = "\u2069";

/**
 * Wraps a user-entered value (a name, a title) in First Strong Isolate … Pop Directional
 * Isolate before it goes into a translated sentence, so that an Arabic name in an English
 * sentence, or a Latin one in an Arabic sentence, keeps its own order and the sentence's.
 */
export function isolate(value: string | number | null | undefined): string {
	const text = value == null ? "" : String(value);
	if (text === "" || (text.startsWith(FSI) && text.endsWith(PDI))) return text;
	return `${FSI}${text}${PDI}`;
}
