import { describe, expect, it } from "vitest";
import { nextIndex } from "./listnav";
import { ariaSort, nextSort, sortRows } from "./sorting";

describe("nextIndex", () => {
	it.each([
		// key, current, count, expected
		["ArrowDown", 0, 5, 1],
		["ArrowDown", 4, 5, 4], // stays on the last row
		["ArrowUp", 0, 5, 0], // stays on the first row
		["ArrowUp", 3, 5, 2],
		["Home", 3, 5, 0],
		["End", 1, 5, 4],
		["PageDown", 1, 50, 11],
		["PageUp", 5, 50, 0],
		["ArrowDown", -1, 5, 0], // nothing selected: start at the top
		["ArrowUp", -1, 5, 4], // nothing selected: start at the bottom
	] as const)("%s from %i of %i goes to %i", (key, current, count, expected) => {
		expect(nextIndex(key, current, count)).toBe(expected);
	});

	it("ignores keys that do not move and empty lists", () => {
		expect(nextIndex("a", 1, 5)).toBeNull();
		expect(nextIndex("ArrowDown", 0, 0)).toBeNull();
	});
});

describe("sorting", () => {
	it("cycles ascending, descending, default", () => {
		const first = nextSort(null, "name");
		const second = nextSort(first, "name");
		expect(first).toEqual({ key: "name", direction: "asc" });
		expect(second).toEqual({ key: "name", direction: "desc" });
		expect(nextSort(second, "name")).toBeNull();
		expect(nextSort(second, "email")).toEqual({ key: "email", direction: "asc" });
		expect(ariaSort(second, "name")).toBe("descending");
		expect(ariaSort(second, "email")).toBe("none");
	});

	it("keeps empty values last in both directions", () => {
		const rows = ["b", "", "a", "c"];
		const cmp = (x: string, y: string) => x.localeCompare(y);
		const empty = (x: string) => x === "";
		expect(sortRows(rows, "asc", cmp, empty)).toEqual(["a", "b", "c", ""]);
		expect(sortRows(rows, "desc", cmp, empty)).toEqual(["c", "b", "a", ""]);
		expect(rows).toEqual(["b", "", "a", "c"]); // the input is not changed
	});
});
