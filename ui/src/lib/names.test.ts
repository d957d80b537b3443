import { describe, expect, it } from "vitest";
import {
	compareNames,
	displayName,
	isCasedScript,
	isCjk,
	type NameParts,
	nameSortKey,
	plainName,
} from "./names";

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

const UPPER = { familyUpper: true };
const AS_TYPED = { familyUpper: false };

describe("displayName", () => {
	// Input, options, expected output side by side; each row says why it should hold.
	const cases: [string, NameParts, { familyUpper: boolean }, string][] = [
		[
			"UN practice capitalises a Latin family name and keeps the person's order",
			person({ honorific: "Mr", given_name: "António", family_name: "Guterres" }),
			UPPER,
			"Mr António GUTERRES",
		],
		[
			"without the event setting the family name stays as typed",
			person({ honorific: "Mr", given_name: "António", family_name: "Guterres" }),
			AS_TYPED,
			"Mr António Guterres",
		],
		[
			"family-first order puts the family name first",
			person({ given_name: "Viktor", family_name: "Orbán", name_order: "family_first" }),
			UPPER,
			"ORBÁN Viktor",
		],
		[
			"a Chinese name with a Latin form shows the Latin form, then the native one without a space",
			person({
				honorific: "H.E. Mr",
				given_name: "朝旭",
				family_name: "马",
				name_order: "family_first",
				given_name_latin: "Zhaoxu",
				family_name_latin: "Ma",
			}),
			UPPER,
			"H.E. Mr MA Zhaoxu 马朝旭",
		],
		[
			"a Chinese name alone is written without a space and is never upper-cased",
			person({ given_name: "杰", family_name: "陈", name_order: "family_first" }),
			UPPER,
			"陈杰",
		],
		[
			"Korean Hangul names join without a space too",
			person({ given_name: "민준", family_name: "김", name_order: "family_first" }),
			UPPER,
			"김민준",
		],
		[
			"Cyrillic is a cased script, so its family name is capitalised",
			person({ given_name: "Мария", family_name: "Захарова" }),
			UPPER,
			"Мария ЗАХАРОВА",
		],
		[
			"Arabic has no case: the family name is left alone and the parts keep a space",
			person({ given_name: "أحمد", family_name: "أبو الغيط" }),
			UPPER,
			"أحمد أبو الغيط",
		],
		[
			"a mononym shows alone, without stray spaces",
			person({ honorific: "Ms", given_name: "Sukarni" }),
			UPPER,
			"Ms Sukarni",
		],
		[
			"a Latin form equal to the native name is not shown twice",
			person({
				given_name: "Jie",
				family_name: "Chen",
				given_name_latin: "Jie",
				family_name_latin: "Chen",
			}),
			AS_TYPED,
			"Jie Chen",
		],
		[
			"stray whitespace in the record does not reach the screen",
			person({ honorific: " Dr ", given_name: "  Ana  Maria ", family_name: " Silva " }),
			AS_TYPED,
			"Dr Ana Maria Silva",
		],
	];

	it.each(cases)("%s", (_why, input, options, expected) => {
		expect(displayName(input, options)).toBe(expected);
	});

	it("plainName drops the honorific but keeps the rest", () => {
		const ma = person({
			honorific: "H.E. Mr",
			given_name: "朝旭",
			family_name: "马",
			name_order: "family_first",
			given_name_latin: "Zhaoxu",
			family_name_latin: "Ma",
		});
		expect(plainName(ma, UPPER)).toBe("MA Zhaoxu 马朝旭");
	});
});

describe("scripts", () => {
	it("recognises cased scripts", () => {
		expect(isCasedScript("Guterres")).toBe(true);
		expect(isCasedScript("Захарова")).toBe(true);
		expect(isCasedScript("Παπαδόπουλος")).toBe(true);
		expect(isCasedScript("马")).toBe(false);
		expect(isCasedScript("أبو")).toBe(false);
	});

	it("recognises CJK-only text", () => {
		expect(isCjk("马朝旭")).toBe(true);
		expect(isCjk("やまだ")).toBe(true);
		expect(isCjk("김")).toBe(true);
		expect(isCjk("Ma")).toBe(false);
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
