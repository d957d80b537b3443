import { describe, expect, it } from "vitest";
import {
	countryName,
	countryOptions,
	filterCountries,
	flagEmoji,
	fold,
	resolveCountry,
} from "./countries";

const COUNTRIES = [
	{ code: "CN", name: "China" },
	{ code: "CI", name: "Côte d'Ivoire" },
	{ code: "EG", name: "Egypt" },
	{ code: "KE", name: "Kenya" },
	{ code: "BR", name: "Brazil" },
];

describe("flags", () => {
	it("builds the flag from regional indicator symbols", () => {
		expect(flagEmoji("CN")).toBe("\u{1F1E8}\u{1F1F3}");
		expect(flagEmoji("ke")).toBe("🇰🇪");
	});

	it("gives nothing for what is not an alpha-2 code", () => {
		expect(flagEmoji("CHN")).toBe("");
		expect(flagEmoji("")).toBe("");
		expect(flagEmoji("1A")).toBe("");
	});
});

describe("names", () => {
	it("uses Intl.DisplayNames in the UI language", () => {
		expect(countryName("CN", "en-GB")).toBe("China");
		expect(countryName("DE", "fr")).toBe("Allemagne");
	});

	it("falls back to the name from Rust, then to the code", () => {
		expect(countryName("XZ", "en-GB", "Somewhere")).toBe("Somewhere");
		expect(countryName("XZ", "en-GB")).toBe("XZ");
	});

	it("sorts options by their name in the UI language", () => {
		const names = countryOptions(COUNTRIES, "en-GB").map((o) => o.name);
		expect(names).toEqual(["Brazil", "China", "Côte d’Ivoire", "Egypt", "Kenya"]);
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

	it("resolves typed text to a code only when it is unambiguous", () => {
		expect(resolveCountry(options, "cn")).toBe("CN");
		expect(resolveCountry(options, "egypt")).toBe("EG");
		expect(resolveCountry(options, "Chi")).toBeNull();
	});
});
