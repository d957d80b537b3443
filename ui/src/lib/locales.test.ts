// The six locale files against English: every key, the plural forms each language has, the same
// {{variables}}, and (for the five translations) hardly any string left in English.
import i18next from "i18next";
import { describe, expect, it } from "vitest";
import ar from "../locales/ar.json";
import en from "../locales/en.json";
import es from "../locales/es.json";
import fr from "../locales/fr.json";
import ru from "../locales/ru.json";
import zh from "../locales/zh.json";
import { formatList, isolate, LANGUAGES, LOCALE_TAGS, osLanguage } from "./i18n";
import { pseudoString, pseudoTree } from "./pseudo";

const FILES: Record<string, Record<string, unknown>> = { ar, en, es, fr, ru, zh };
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(tree: unknown, prefix = "", out = new Map<string, string>()): Map<string, string> {
	if (typeof tree === "string") {
		out.set(prefix, tree);
	} else if (typeof tree === "object" && tree !== null) {
		for (const [k, v] of Object.entries(tree)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
	}
	return out;
}

const english = flatten(en);
/** Plural keys of en.json without their suffix, and whether en has a `_zero` form. */
const pluralBases = new Map<string, { zero: boolean }>();
for (const key of english.keys()) {
	const m = PLURAL.exec(key);
	if (!m) continue;
	const base = key.slice(0, -m[0].length);
	const entry = pluralBases.get(base) ?? { zero: false };
	if (m[1] === "zero") entry.zero = true;
	pluralBases.set(base, entry);
}

/** The keys a language must have: plain keys as in English, plural keys in its CLDR forms. */
function expectedKeys(lang: string): { required: Set<string>; optional: Set<string> } {
	const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
	const required = new Set<string>();
	const optional = new Set<string>();
	for (const key of english.keys()) {
		const m = PLURAL.exec(key);
		if (!m || !pluralBases.has(key.slice(0, -m[0].length))) required.add(key);
	}
	for (const [base, { zero }] of pluralBases) {
		for (const c of categories) required.add(`${base}_${c}`);
		if (zero && !categories.includes("zero")) optional.add(`${base}_zero`);
	}
	return { required, optional };
}

function variables(text: string): Set<string> {
	return new Set([...text.matchAll(/\{\{\s*([^},\s]+)[^}]*\}\}/g)].map((m) => m[1] ?? ""));
}

/** The English string a key of another language translates (its plural base's `_other`). */
function englishFor(key: string): string | undefined {
	const m = PLURAL.exec(key);
	if (m) {
		const base = key.slice(0, -m[0].length);
		if (pluralBases.has(base))
			return english.get(`${base}_${m[1]}`) ?? english.get(`${base}_other`);
	}
	return english.get(key);
}

/** Every English form of a key: all of a plural key's forms (a language may use any of their variables). */
function englishForms(key: string): string[] {
	const m = PLURAL.exec(key);
	const base = m ? key.slice(0, -m[0].length) : null;
	if (base === null || !pluralBases.has(base)) return [english.get(key) ?? ""];
	return ["zero", "one", "other"].flatMap((c) => english.get(`${base}_${c}`) ?? []);
}

/** Strings that may read the same as English: codes, formats, proper names, bare placeholders. */
const SAME_AS_ENGLISH = new Set([
	"nav.version",
	"exchange.hub.formats.csv",
	"exchange.hub.formats.xlsx",
	"exchange.hub.formats.ics",
	"exchange.hub.formats.frabXml",
	"exchange.hub.formats.frabJson",
	"print.paper.a4",
	"about.version",
]);
const TRIVIAL = /^[\s\p{P}\p{S}\d]*(\{\{[^}]+\}\}[\s\p{P}\p{S}\d]*)*$/u;

describe.each(LANGUAGES)("%s.json", (lang) => {
	const strings = flatten(FILES[lang]);
	const { required, optional } = expectedKeys(lang);

	it("has every key of en.json, with the plural forms of the language", () => {
		expect([...required].filter((k) => !strings.has(k))).toEqual([]);
	});

	it("has no key that en.json lacks", () => {
		expect([...strings.keys()].filter((k) => !required.has(k) && !optional.has(k))).toEqual([]);
	});

	it("has no empty string", () => {
		expect([...strings].filter(([, v]) => v.trim() === "").map(([k]) => k)).toEqual([]);
	});

	it("uses the same {{variables}} as English (plural forms may drop, never add)", () => {
		const wrong: string[] = [];
		for (const [key, text] of strings) {
			const source = englishFor(key);
			if (source === undefined) continue;
			const mine = variables(text);
			const theirs = variables(englishForms(key).join(" "));
			const added = [...mine].filter((v) => !theirs.has(v) && v !== "count");
			const dropped = PLURAL.test(key) ? [] : [...theirs].filter((v) => !mine.has(v));
			if (added.length || dropped.length) wrong.push(`${key}: +${added} -${dropped}`);
		}
		expect(wrong).toEqual([]);
	});

	it.skipIf(lang === "en")("leaves at most 5% of its strings in English", () => {
		const same = [...strings].filter(([key, text]) => {
			if (SAME_AS_ENGLISH.has(key) || TRIVIAL.test(text)) return false;
			return text === englishFor(key);
		});
		expect(same.length / strings.size, same.map(([k]) => k).join(", ")).toBeLessThanOrEqual(0.05);
	});
});

describe("plurals through i18next", () => {
	const i18n = i18next.createInstance();
	void i18n.init({
		initAsync: false,
		showSupportNotice: false,
		interpolation: { escapeValue: false },
		resources: Object.fromEntries(
			Object.entries(FILES).map(([l, tree]) => [l, { translation: tree }]),
		),
	});
	const pluralKeys = [...pluralBases.keys()];

	it("gives Arabic six different strings for 0, 1, 2, 3, 11 and 100", () => {
		const six = pluralKeys.filter((key) => {
			const forms = [0, 1, 2, 3, 11, 100].map((count) =>
				i18n.t(key, { lng: "ar", count, formatted: "#" }),
			);
			return new Set(forms).size === 6;
		});
		expect(six.length, "plural keys with six Arabic forms").toBeGreaterThan(0);
	});

	it("gives Russian the one, few and many forms for 1, 2, 5 and 21", () => {
		const count = ru.events as Record<string, unknown> as Record<string, string | undefined>;
		expect(count).toBeDefined();
		const form = (n: number) => i18n.t("events.count", { lng: "ru", count: n });
		expect(form(1)).toBe(count?.count_one?.replace("{{count}}", "1"));
		expect(form(21)).toBe(count?.count_one?.replace("{{count}}", "21"));
		expect(form(2)).toBe(count?.count_few?.replace("{{count}}", "2"));
		expect(form(5)).toBe(count?.count_many?.replace("{{count}}", "5"));
		expect(new Set([form(1), form(2), form(5)].map((s) => s.replace(/\d+/, ""))).size).toBe(3);
	});
});

describe("locale tags", () => {
	it("write Gregorian dates with Western digits in every language", () => {
		const date = new Date(Date.UTC(2024, 8, 3, 12));
		for (const lang of LANGUAGES) {
			const text = new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
				day: "numeric",
				month: "long",
				year: "numeric",
				timeZone: "UTC",
			}).format(date);
			expect(text, lang).toMatch(/2024/);
			expect(text, lang).toMatch(/\b3\b|3日|3\s/);
		}
		expect(new Intl.NumberFormat(LOCALE_TAGS.ar).format(1250)).toMatch(/1.?250/);
	});

	it("follow the OS's first language that is one of the six, else English", () => {
		expect(osLanguage(["de-DE", "fr-CH", "en"])).toBe("fr");
		expect(osLanguage(["zh-Hans-CN"])).toBe("zh");
		expect(osLanguage(["ar_EG"])).toBe("ar");
		expect(osLanguage(["de", "ja"])).toBe("en");
		expect(osLanguage([])).toBe("en");
	});

	it("isolate user values and join lists as the language does", () => {
		expect(isolate("أحمد")).toBe("\u2068أحمد\u2069");
		expect(isolate(isolate("x"))).toBe("\u2068x\u2069");
		expect(isolate("")).toBe("");
		expect(formatList(["A", "B", "C"])).toBe("\u2068A\u2069, \u2068B\u2069 and \u2068C\u2069");
	});
});

describe("pseudo-locale", () => {
	it("lengthens and accents every string and keeps the {{variables}}", () => {
		const text = pseudoString("Delete “{{name}}” and its {{count}} attendees?");
		expect(text).toContain("{{name}}");
		expect(text).toContain("{{count}}");
		expect(text).not.toMatch(/[a-zA-Z]{4}(?![^{]*\}\})/);
		expect(text.length).toBeGreaterThan("Delete “” and its  attendees?".length * 1.3);
		const tree = flatten(pseudoTree(en));
		expect(tree.size).toBe(english.size);
		for (const [key, value] of english)
			expect(variables(tree.get(key) ?? ""), key).toEqual(variables(value));
	});
});
