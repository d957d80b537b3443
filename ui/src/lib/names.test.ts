import { describe, expect, it } from "vitest";
import generated from "$lib/generated/name-cases.json";
import { compareNames, displayName, isCjk, type NameParts, nameSortKey, plainName } from "./names";

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

// The core writes these cases with its own rule (src-tauri/core/src/names.rs) into
// lib/generated/name-cases.json; the TypeScript rule must write every one the same way.
const cases = generated.cases.map((c) => ({
	...c,
	name: person({ ...c.name, name_order: c.name.name_order as NameParts["name_order"] }),
	title: `${c.what}, family name ${c.family_upper ? "in capitals" : "as typed"}`,
}));

describe("the core's name rule", () => {
	it("has cases in many scripts and shapes (so the tests below check something)", () => {
		expect(cases.length).toBeGreaterThanOrEqual(40);
		expect(cases.some((c) => c.display === "H.E. Mr MA Zhaoxu 马朝旭")).toBe(true);
	});

	const titled = cases.map((c) => [c.title, c] as const);

	it.each(titled)("displayName: %s", (_title, { name, family_upper, display }) => {
		expect(displayName(name, { familyUpper: family_upper })).toBe(display);
	});

	it.each(titled)("plainName: %s", (_title, { name, family_upper, plain }) => {
		expect(plainName(name, { familyUpper: family_upper })).toBe(plain);
	});
});

describe("scripts", () => {
	it("recognises CJK-only text", () => {
		expect(isCjk("马朝旭")).toBe(true);
		expect(isCjk("佐々木")).toBe(true);
		expect(isCjk("やまだ")).toBe(true);
		expect(isCjk("김")).toBe(true);
		expect(isCjk("𠮷野")).toBe(true);
		expect(isCjk("约翰·保罗")).toBe(true);
		expect(isCjk("Ma")).toBe(false);
		expect(isCjk("张 Wei")).toBe(false);
		expect(isCjk("·")).toBe(false);
		expect(isCjk("")).toBe(false);
	});
});

describe("sorting", () => {
	it("sorts by family name, then given name, using Latin forms when present", () => {
		const people = [
			person({ given_name: "Zhaoxu", family_name: "Ma" }),
			person({
				given_name: "Jie",
				family_name: "陈",
				given_name_latin: "Jie",
				family_name_latin: "Chen",
			}),
			person({ given_name: "António", family_name: "Guterres" }),
			person({ given_name: "Ana", family_name: "Guterres" }),
			person({ given_name: "Émile", family_name: "Ávila" }),
		];
		const sorted = [...people].sort(
			compareNames(new Intl.Collator("en-GB", { sensitivity: "base" })),
		);
		// Accents do not push Ávila after the Z's; 陈 files under its Latin form C.
		expect(sorted.map((p) => p.family_name)).toEqual(["Ávila", "陈", "Guterres", "Guterres", "Ma"]);
		expect(sorted[2]?.given_name).toBe("Ana");
	});

	it("uses each Latin form separately, falling back to the native part", () => {
		const key = nameSortKey(
			person({ given_name: "朝旭", family_name: "马", family_name_latin: "Ma" }),
		);
		expect(key).toEqual(["Ma", "朝旭"]);
	});
});
