import { describe, expect, it } from "vitest";
import table from "$lib/generated/country-names.json";
import {
	countryName,
	countryOptions,
	countrySynonyms,
	filterCountries,
	fold,
	resolveCountry,
	unLanguage,
	unShortName,
} from "./countries";
import { flagUrl } from "./flags";

const COUNTRIES = [
	{ code: "CN", name: "China" },
	{ code: "CI", name: "Côte d'Ivoire" },
	{ code: "EG", name: "Egypt" },
	{ code: "KE", name: "Kenya" },
	{ code: "BR", name: "Brazil" },
	{ code: "TR", name: "Türkiye" },
	{ code: "KR", name: "Republic of Korea" },
	{ code: "KP", name: "Democratic People's Republic of Korea" },
];

describe("flags", () => {
	it("has a bundled SVG for every country the core names", () => {
		const codes = Object.keys(table.names);
		expect(codes.length).toBeGreaterThanOrEqual(249);
		for (const code of codes) expect(flagUrl(code), code).toMatch(/\.svg$/);
		expect(flagUrl("ke")).toBe(flagUrl("KE"));
		expect(flagUrl("cn")).toMatch(/cn\.svg$/);
	});

	it("gives nothing for what is not an alpha-2 code", () => {
		expect(flagUrl("CHN")).toBeUndefined();
		expect(flagUrl("")).toBeUndefined();
		expect(flagUrl("1A")).toBeUndefined();
		expect(flagUrl("..")).toBeUndefined();
	});
});

describe("names", () => {
	it("takes the UN language from the formatting locale", () => {
		expect(unLanguage("en-GB")).toBe("en");
		expect(unLanguage("zh-Hans")).toBe("zh");
		expect(unLanguage("ar-u-nu-latn-ca-gregory")).toBe("ar");
		expect(unLanguage("fr")).toBe("fr");
		expect(unLanguage("de-DE")).toBe("en");
	});

	it("shows the UN short name in the UI language", () => {
		expect(countryName("CN", "en-GB")).toBe("China");
		expect(countryName("DE", "fr")).toBe("Allemagne");
		expect(countryName("TR", "en-GB")).toBe("Türkiye");
		expect(countryName("NL", "en-GB")).toBe("Netherlands (Kingdom of the)");
		expect(countryName("NL", "fr")).toBe("Pays-Bas (Royaume des)");
		expect(countryName("nl", "ru")).toBe("Нидерланды (Королевство)");
		expect(countryName("NL", "zh-Hans")).toBe("荷兰王国");
		expect(countryName("NL", "ar-u-nu-latn-ca-gregory")).toBe("مملكة هولندا");
		expect(countryName("KR", "es")).toBe("República de Corea");
		expect(countryName("CI", "en-GB")).toBe("Côte d'Ivoire");
		expect(unShortName("VN", "en")).toBe("Viet Nam");
	});

	it("falls back to the name from Rust, then to the code", () => {
		expect(countryName("XZ", "en-GB", "Somewhere")).toBe("Somewhere");
		expect(countryName("XZ", "en-GB")).toBe("XZ");
	});

	it("sorts options by their name in the UI language", () => {
		const names = countryOptions(COUNTRIES, "en-GB").map((o) => o.name);
		expect(names).toEqual([
			"Brazil",
			"China",
			"Côte d'Ivoire",
			"Democratic People's Republic of Korea",
			"Egypt",
			"Kenya",
			"Republic of Korea",
			"Türkiye",
		]);
		const french = countryOptions(COUNTRIES, "fr").map((o) => o.code);
		expect(french.slice(0, 3)).toEqual(["BR", "CN", "CI"]);
	});
});

describe("searching", () => {
	const options = countryOptions(COUNTRIES, "en-GB");

	it("finds names without accents or case", () => {
		expect(filterCountries(options, "cote").map((o) => o.code)).toEqual(["CI"]);
		expect(fold("Côte d’Ivoire")).toBe("cote d'ivoire");
	});

	it("puts an exact code first", () => {
		expect(filterCountries(options, "ke")[0]?.code).toBe("KE");
	});

	it("finds a country by an everyday name through Intl.DisplayNames", () => {
		expect(countrySynonyms("TR", "en-GB")).toContain("Turkey");
		expect(filterCountries(options, "turkey").map((o) => o.code)).toEqual(["TR"]);
		const french = countryOptions(COUNTRIES, "fr");
		expect(filterCountries(french, "Corée").map((o) => o.code)).toEqual(["KR", "KP"]);
		expect(filterCountries(options, "韩国").map((o) => o.code)).toEqual([]);
		expect(filterCountries(options, "大韩民国").map((o) => o.code)).toEqual(["KR"]);
	});

	it("resolves typed text to a code only when it is unambiguous", () => {
		expect(resolveCountry(options, "Turkey")).toBe("TR");
		expect(resolveCountry(options, "Korea")).toBeNull();
		expect(resolveCountry(options, "cn")).toBe("CN");
		expect(resolveCountry(options, "egypt")).toBe("EG");
		expect(resolveCountry(options, "Chi")).toBeNull();
	});
});
