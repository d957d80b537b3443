//! How a country is shown: its flag (`Flag.svelte`, from bundled SVGs) and its UN short name
//! in the UI language, from the core's table (`generated/country-names.json`, UNTERM names).
//! `Intl.DisplayNames` only adds search synonyms, so that "Turkey" or "Corée" still finds a
//! country that the UN calls "Türkiye" or « République de Corée ».

import type { Country } from "$lib/bindings";
import table from "$lib/generated/country-names.json";

/** The six UN languages, in which the table names every country. */
export type UnLanguage = "ar" | "en" | "es" | "fr" | "ru" | "zh";
const UN_LANGUAGES: readonly string[] = ["ar", "en", "es", "fr", "ru", "zh"];

const NAMES: Readonly<Record<string, Readonly<Record<UnLanguage, string>>>> = table.names;

/**
 * The UN language for a locale tag as `formatLocale()` gives it ("en-GB", "zh-Hans",
 * "ar-u-nu-latn-ca-gregory"): its language subtag, or English for any other language. The one
 * place that decides which language the country names are in.
 */
export function unLanguage(locale: string): UnLanguage {
	const language = locale.split(/[-_]/)[0]?.toLowerCase() ?? "";
	return UN_LANGUAGES.includes(language) ? (language as UnLanguage) : "en";
}

/** The UN short name of an alpha-2 code (any case) in `language`, or undefined if unknown. */
export function unShortName(code: string, language: UnLanguage): string | undefined {
	return NAMES[code.trim().toUpperCase()]?.[language];
}

/** True for a two-letter code, the shape of ISO 3166-1 alpha-2. */
export function isAlpha2(code: string): boolean {
	return /^[A-Z]{2}$/i.test(code.trim());
}

/**
 * The country's UN short name in the language of `locale`. Falls back to `fallback` (the name
 * from Rust), then to the code itself, so an unknown code is still shown rather than hidden.
 */
export function countryName(code: string, locale: string, fallback?: string): string {
	const upper = code.trim().toUpperCase();
	if (upper === "") return fallback ?? "";
	return unShortName(upper, unLanguage(locale)) ?? (fallback || upper);
}

/**
 * Former or everyday English names that neither the UN nor CLDR (hence `Intl.DisplayNames`,
 * which already says "Türkiye" and "Czechia") use any more, but that people still type.
 */
const FORMER_NAMES: Readonly<Record<string, readonly string[]>> = {
	CZ: ["Czech Republic"],
	GB: ["UK", "Great Britain", "Britain"],
	CI: ["Ivory Coast"],
	MK: ["Macedonia"],
	MM: ["Burma"],
	NL: ["Holland"],
	SZ: ["Swaziland"],
	TL: ["East Timor"],
	TR: ["Turkey"],
	US: ["USA"],
};

/**
 * Other names a user may type for a country: `Intl.DisplayNames`' everyday names in the UI
 * language and in English ("Corée du Sud", "South Korea"), former names ("Turkey"), and the UN
 * names in the other five UN languages. Never shown.
 */
export function countrySynonyms(code: string, locale: string): string[] {
	const upper = code.trim().toUpperCase();
	const names = new Set<string>();
	for (const l of [locale, "en"]) {
		try {
			const name = displayNames(l).of(upper);
			if (name !== undefined && name !== upper) names.add(name);
		} catch {
			// DisplayNames throws RangeError for malformed codes: no synonym then.
		}
	}
	for (const name of FORMER_NAMES[upper] ?? []) names.add(name);
	const row = NAMES[upper];
	if (row) for (const name of Object.values(row)) names.add(name);
	return [...names];
}

/** A country prepared for pickers: display name and a folded search text. */
export type CountryOption = {
	code: string;
	/** UN short name in the UI language. */
	name: string;
	/** English UN short name from Rust, which users may type too. */
	english: string;
	/** Folded other names (see `countrySynonyms`), for searching only. */
	synonyms: string[];
	search: string;
};

/** Countries with UI-language names, sorted by that name the way the UI language sorts. */
export function countryOptions(countries: readonly Country[], locale: string): CountryOption[] {
	const collator = new Intl.Collator(locale);
	return countries
		.map((c) => {
			const name = countryName(c.code, locale, c.name);
			const synonyms = countrySynonyms(c.code, locale).map(fold);
			return {
				code: c.code,
				name,
				english: c.name,
				synonyms,
				// The shown name first, so that "starts with" ranks by it.
				search: [name, c.name, c.code, ...synonyms].map(fold).join(" | "),
			};
		})
		.sort((a, b) => collator.compare(a.name, b.name));
}

/** Options whose name, a synonym or code contains the query, accent- and case-blind. */
export function filterCountries(options: readonly CountryOption[], query: string): CountryOption[] {
	const q = fold(query.trim());
	if (q === "") return [...options];
	const exact = options.filter((o) => o.code.toLowerCase() === q);
	const starts = options.filter((o) => o.code.toLowerCase() !== q && o.search.startsWith(q));
	const rest = options.filter(
		(o) => o.code.toLowerCase() !== q && !o.search.startsWith(q) && o.search.includes(q),
	);
	return [...exact, ...starts, ...rest];
}

/**
 * The code the user meant by typing `text`: an exact code ("cn"), an exact name in the UI
 * language or in English ("China"), else an exact synonym ("Turkey"). Returns null when it is
 * not clear.
 */
export function resolveCountry(options: readonly CountryOption[], text: string): string | null {
	const q = fold(text.trim());
	if (q === "") return null;
	const byCode = options.find((o) => o.code.toLowerCase() === q);
	if (byCode) return byCode.code;
	const byName = options.filter((o) => fold(o.name) === q || fold(o.english) === q);
	if (byName.length === 1 && byName[0]) return byName[0].code;
	const bySynonym = options.filter((o) => o.synonyms.includes(q));
	return bySynonym.length === 1 && bySynonym[0] ? bySynonym[0].code : null;
}

/** Lower-cases and strips diacritics so "cote d'ivoire" finds "Côte d’Ivoire". */
export function fold(text: string): string {
	return text
		.normalize("NFD")
		.replace(/\p{M}/gu, "")
		.replace(/[\u2018\u2019]/gu, "'")
		.toLowerCase();
}

const cache = new Map<string, Intl.DisplayNames>();

function displayNames(locale: string): Intl.DisplayNames {
	let names = cache.get(locale);
	if (!names) {
		names = new Intl.DisplayNames([locale], { type: "region", fallback: "code" });
		cache.set(locale, names);
	}
	return names;
}
