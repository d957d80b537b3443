//! How a country is shown: flag emoji plus its name in the UI language, with the ISO code kept
//! for tooltips. Rust sends English names; `Intl.DisplayNames` gives the UI-language ones.

import type { Country } from "$lib/bindings";

/** The flag emoji of an ISO 3166-1 alpha-2 code, or "" for anything that is not one. */
export function flagEmoji(code: string): string {
	const upper = code.trim().toUpperCase();
	if (!/^[A-Z]{2}$/.test(upper)) return "";
	// Each letter maps to its regional indicator symbol; a pair of them renders as the flag.
	const base = 0x1f1e6 - "A".charCodeAt(0);
	return String.fromCodePoint(base + upper.charCodeAt(0), base + upper.charCodeAt(1));
}

/**
 * The country's name in `locale`. Falls back to `fallback` (the English name from Rust), then
 * to the code itself, so an unknown code is still shown rather than hidden.
 */
export function countryName(code: string, locale: string, fallback?: string): string {
	const upper = code.trim().toUpperCase();
	if (upper === "") return fallback ?? "";
	try {
		const name = displayNames(locale).of(upper);
		if (name !== undefined && name !== upper) return name;
	} catch {
		// DisplayNames throws RangeError for malformed codes; the fallback covers that.
	}
	return fallback || upper;
}

/** A country prepared for pickers: display name, flag and a folded search text. */
export type CountryOption = {
	code: string;
	/** Name in the UI language. */
	name: string;
	/** English name from Rust, which users may type too. */
	english: string;
	flag: string;
	search: string;
};

/** Countries with UI-language names, sorted by that name the way the UI language sorts. */
export function countryOptions(countries: readonly Country[], locale: string): CountryOption[] {
	const collator = new Intl.Collator(locale);
	return countries
		.map((c) => {
			const name = countryName(c.code, locale, c.name);
			return {
				code: c.code,
				name,
				english: c.name,
				flag: flagEmoji(c.code),
				search: fold(`${name} ${c.name} ${c.code}`),
			};
		})
		.sort((a, b) => collator.compare(a.name, b.name));
}

/** Options whose name, English name or code contains the query, accent- and case-blind. */
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
 * The code the user meant by typing `text`: an exact code ("cn"), or an exact name in the UI
 * language or in English ("China"). Returns null when it is not clear.
 */
export function resolveCountry(options: readonly CountryOption[], text: string): string | null {
	const q = fold(text.trim());
	if (q === "") return null;
	const byCode = options.find((o) => o.code.toLowerCase() === q);
	if (byCode) return byCode.code;
	const byName = options.filter((o) => fold(o.name) === q || fold(o.english) === q);
	return byName.length === 1 && byName[0] ? byName[0].code : null;
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
