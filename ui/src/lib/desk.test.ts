import { describe, expect, it } from "vitest";
import { ApiFailure } from "$lib/api";
import {
	arrivalsByCountry,
	attendanceGroups,
	attendanceOrder,
	avatarColour,
	avatarHue,
	categoryChartData,
	chartFileName,
	checkedInAt,
	countryChartData,
	dayChartData,
	fillChartData,
	initials,
	isAlreadyCheckedIn,
	percent,
	pickIndex,
	pngBase64,
	topWithOthers,
} from "$lib/desk";
import type { CheckedAttendee, CountryCount } from "$lib/desk-api";
import { formatNumber, t } from "$lib/i18n";
import type { NameParts } from "$lib/names";

function person(parts: Partial<NameParts>): NameParts {
	return {
		honorific: "",
		given_name: "",
		family_name: "",
		name_order: "given_first",
		given_name_latin: "",
		family_name_latin: "",
		...parts,
	};
}

describe("initials", () => {
	it("takes the first letters in the person's order", () => {
		expect(initials(person({ given_name: "António", family_name: "Guterres" }))).toBe("AG");
		expect(
			initials(person({ given_name: "Zhaoxu", family_name: "Ma", name_order: "family_first" })),
		).toBe("MZ");
	});

	it("prefers the Latin form and falls back to the native one", () => {
		const ma = person({
			given_name: "朝旭",
			family_name: "马",
			name_order: "family_first",
			given_name_latin: "Zhaoxu",
			family_name_latin: "Ma",
		});
		expect(initials(ma)).toBe("MZ");
		expect(initials({ ...ma, given_name_latin: "", family_name_latin: "" })).toBe("马");
	});

	it("handles other scripts, lower case and single names", () => {
		expect(initials(person({ given_name: "Сергей", family_name: "лавров" }))).toBe("СЛ");
		expect(initials(person({ given_name: "محمد", family_name: "عبدالله" }))).toBe("مع");
		expect(initials(person({ given_name: "", family_name: "Sukarno" }))).toBe("S");
		expect(initials(person({}))).toBe("");
	});

	it("keeps a letter with its combining mark", () => {
		expect(initials(person({ given_name: "E\u0301mile", family_name: "Zola" }))).toBe("E\u0301Z");
	});
});

describe("avatar colour", () => {
	it("is the same for the same key and spreads different keys", () => {
		expect(avatarHue("person-1")).toBe(avatarHue("person-1"));
		const hues = new Set(Array.from({ length: 50 }, (_, i) => avatarHue(`person-${i}`)));
		expect(hues.size).toBeGreaterThan(30);
		for (const hue of hues) {
			expect(hue).toBeGreaterThanOrEqual(0);
			expect(hue).toBeLessThan(360);
		}
		expect(avatarColour("x")).toMatch(/^hsl\(\d+ 50% 32%\)$/);
	});

	it("gives ids that differ only in their last digits clearly different colours", () => {
		const ids = Array.from(
			{ length: 12 },
			(_, i) => `00000000-0000-7000-8000-${String(i + 1).padStart(12, "0")}`,
		);
		const sectors = new Set(ids.map((id) => Math.floor(avatarHue(id) / 30)));
		expect(sectors.size).toBeGreaterThanOrEqual(6);
	});
});

describe("counts", () => {
	it("formats the arrived line with grouping and plurals", () => {
		const line = (arrived: number, expected: number) =>
			t("checkin.arrivedCount", {
				count: expected,
				arrived: formatNumber(arrived),
				expected: formatNumber(expected),
			});
		expect(line(37, 123)).toBe("37 of 123 arrived");
		expect(line(12400, 50000)).toBe("12,400 of 50,000 arrived");
		expect(line(0, 1)).toBe("0 of 1 arrived");
	});

	it("computes whole percentages that reach 100 only when complete", () => {
		expect(percent(0, 0)).toBe(0);
		expect(percent(37, 123)).toBe(30);
		expect(percent(999, 1000)).toBe(99);
		expect(percent(1000, 1000)).toBe(100);
		expect(percent(5, 4)).toBe(100);
	});

	it("picks results with the arrow keys without leaving the list", () => {
		expect(pickIndex("ArrowDown", 0, 3)).toBe(1);
		expect(pickIndex("ArrowDown", 2, 3)).toBe(2);
		expect(pickIndex("ArrowUp", 0, 3)).toBe(0);
		expect(pickIndex("Enter", 0, 3)).toBeNull();
		expect(pickIndex("ArrowDown", 0, 0)).toBeNull();
	});
});

describe("check-in state", () => {
	it("reads checked_in_at when the core sends it", () => {
		const a = { checked_in_at: "2024-09-03T00:42:00Z" } as CheckedAttendee;
		expect(checkedInAt(a)).toBe("2024-09-03T00:42:00Z");
		expect(checkedInAt({} as CheckedAttendee)).toBeNull();
	});

	it("recognises the already-checked-in refusal", () => {
		const already = new ApiFailure("validation", "Already checked in at 08:42", [
			{
				field: "checked_in_at",
				code: "field.already_checked_in",
				params: {},
				message: "x",
				row: null,
			},
		]);
		expect(isAlreadyCheckedIn(already)).toBe(true);
		expect(isAlreadyCheckedIn(new ApiFailure("validation", "x", []))).toBe(false);
		expect(isAlreadyCheckedIn(new ApiFailure("not_found", "gone"))).toBe(false);
	});
});

const countries = (n: number): CountryCount[] =>
	Array.from({ length: n }, (_, i) => ({
		country: `C${String.fromCharCode(65 + (i % 26))}${i}`,
		expected: 100 - i,
		arrived: i % 3,
	}));

describe("chart data", () => {
	it("keeps the top 20 countries and sums the rest as others", () => {
		const rows = countries(25);
		const data = countryChartData(
			rows,
			20,
			(c) => `name ${c}`,
			(n) => `${n} others`,
		);
		expect(data.labels).toHaveLength(21);
		expect(data.labels[0]).toBe("name CA0");
		expect(data.labels[20]).toBe("5 others");
		const [registered, arrived] = data.series;
		expect(registered?.[20]).toBe(80 + 79 + 78 + 77 + 76);
		expect(arrived?.[20]).toBe([20, 21, 22, 23, 24].reduce((s, i) => s + (i % 3), 0));
		expect(data.keys[20]).toBe("");
	});

	it("adds no others bar when everything fits, and sorts largest first", () => {
		const data = countryChartData(
			[
				{ country: "FR", expected: 2, arrived: 1 },
				{ country: "CN", expected: 9, arrived: 0 },
				{ country: "BR", expected: 2, arrived: 2 },
			],
			20,
			(c) => c,
			() => "others",
		);
		expect(data.labels).toEqual(["CN", "BR", "FR"]);
		expect(data.series).toEqual([
			[9, 2, 2],
			[0, 2, 1],
		]);
	});

	it("top-with-others splits at the limit", () => {
		const { top, rest } = topWithOthers([3, 1, 2, 5], 2, (x) => x);
		expect(top).toEqual([5, 3]);
		expect(rest).toEqual([2, 1]);
	});

	it("drops empty categories and labels the rest", () => {
		const data = categoryChartData(
			[
				{ category: "press", count: 3 },
				{ category: "official", count: 10 },
				{ category: "staff", count: 0 },
			],
			(k) => k.toUpperCase(),
		);
		expect(data.labels).toEqual(["OFFICIAL", "PRESS"]);
		expect(data.series).toEqual([[10, 3]]);
	});

	it("orders days by date", () => {
		const data = dayChartData(
			[
				{ day: "2024-09-04", count: 2 },
				{ day: "2024-09-03", count: 5 },
			],
			(d) => d.slice(8),
		);
		expect(data.labels).toEqual(["03", "04"]);
		expect(data.series).toEqual([[5, 2]]);
	});

	it("orders sessions by share of seats taken and skips those without seats", () => {
		const data = fillChartData([
			{ session_id: "a", title: "Visit A", signups: 10, capacity: 40 },
			{ session_id: "b", title: "Visit B", signups: 30, capacity: 30 },
			{ session_id: "c", title: "Visit C", signups: 5, capacity: 0 },
		]);
		expect(data.keys).toEqual(["b", "a"]);
		expect(data.series).toEqual([
			[30, 10],
			[30, 40],
		]);
	});

	it("lists arrivals by country, most arrivals first", () => {
		const rows = arrivalsByCountry(
			[
				{ country: "FR", expected: 5, arrived: 1 },
				{ country: "CN", expected: 9, arrived: 3 },
				{ country: "XX", expected: 0, arrived: 0 },
				{ country: "BR", expected: 7, arrived: 1 },
			],
			10,
		);
		expect(rows.map((r) => r.country)).toEqual(["CN", "BR", "FR"]);
	});
});

describe("saving charts", () => {
	it("strips the data URL prefix", () => {
		expect(pngBase64("data:image/png;base64,iVBORw0KGgo=")).toBe("iVBORw0KGgo=");
		expect(pngBase64("data:image/jpeg;base64,abc")).toBe("");
	});

	it("builds a safe file name", () => {
		expect(chartFileName("AI seminar: 2024/09", "countries")).toBe(
			"AI seminar 2024 09 countries.png",
		);
		expect(chartFileName("", "")).toBe("chart.png");
	});
});

describe("session attendance", () => {
	it("puts site visits and field studies first, then by start", () => {
		const sessions = [
			{ type: "lecture" as const, start: "2024-09-03T09:00:00+08:00", title: "L" },
			{ type: "site_visit" as const, start: "2024-09-05T09:00:00+08:00", title: "V2" },
			{ type: "field_study" as const, start: "2024-09-04T09:00:00+08:00", title: "V1" },
		];
		expect(attendanceOrder(sessions).map((s) => s.title)).toEqual(["V1", "V2", "L"]);
	});

	it("groups rows into not here, here and unexpected", () => {
		const groups = attendanceGroups([
			{ id: 1, signed_up: true, present: false },
			{ id: 2, signed_up: true, present: true },
			{ id: 3, signed_up: false, present: true },
		]);
		expect(groups.missing.map((r) => r.id)).toEqual([1]);
		expect(groups.here.map((r) => r.id)).toEqual([2]);
		expect(groups.extra.map((r) => r.id)).toEqual([3]);
	});
});
