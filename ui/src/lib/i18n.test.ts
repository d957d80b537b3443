// Switching the language at run time: t() and formatLocale() follow the state, the other
// languages load on demand, and the pseudo-locale keeps variables.
import { afterEach, describe, expect, it } from "vitest";
import { currentLanguage, formatLocale, formatNumber, setLanguage, t, textDirection } from "./i18n";

afterEach(async () => {
	await setLanguage("en", false);
});

describe("setLanguage", () => {
	it("switches every t() and the Intl locale, and back", async () => {
		expect(t("nav.settings")).toBe("Settings");
		await setLanguage("fr", false);
		expect(currentLanguage()).toBe("fr");
		expect(t("nav.settings")).not.toBe("Settings");
		expect(formatLocale()).toBe("fr");
		expect(formatNumber(1250)).toMatch(/1\s?250/u);
		await setLanguage("ar", false);
		expect(formatLocale()).toBe("ar-u-nu-latn-ca-gregory");
		expect(textDirection()).toBe("rtl");
		expect(formatNumber(1250)).toMatch(/^1.?250$/u);
		await setLanguage("en", false);
		expect(t("nav.settings")).toBe("Settings");
		expect(textDirection()).toBe("ltr");
	});

	it("uses each language's plural rules", async () => {
		await setLanguage("ru", false);
		const forms = [1, 2, 5, 21].map((count) => t("events.count", { count }));
		expect(new Set(forms.map((f) => f.replace(/\d+/, ""))).size).toBe(3);
		expect(forms[0]?.replace("1", "")).toBe(forms[3]?.replace("21", ""));
	});

	it("falls back to English for a key a translation lacks", async () => {
		await setLanguage("zh", false);
		expect(t("no.such.key")).toBe("no.such.key");
		expect(t("nav.settings")).not.toBe("Settings");
	});

	it("offers the pseudo-locale for tests, longer and accented, variables filled in", async () => {
		await setLanguage("en-XA", false);
		const text = t("events.deleteMessage", { name: "AI", count: 3 });
		expect(text).toContain("AI");
		expect(text).toContain("3");
		expect(text).toMatch(/~~/);
		expect(formatLocale()).toBe("en-GB");
	});
});
