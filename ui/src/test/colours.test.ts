import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SESSION_TYPES, typeGroup } from "$lib/schedule";
import { SRC } from "./sources";

const css = readFileSync(join(SRC, "app.css"), "utf8");
const dark = css.slice(css.indexOf("@media (prefers-color-scheme: dark)"));
const light = css.slice(0, css.indexOf("@media (prefers-color-scheme: dark)"));

function colour(block: string, name: string): string {
	const m = new RegExp(`--${name}:\\s*(#[0-9a-f]{6})`, "i").exec(block);
	if (!m?.[1]) throw new Error(`--${name} is missing`);
	return m[1];
}

function luminance(hex: string): number {
	const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => {
		const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	});
	return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
	const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
	return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

const groups = [...new Set(SESSION_TYPES.map(typeGroup))];

describe("session-type colours (ui.md)", () => {
	it("every type belongs to a family that has a class in app.css", () => {
		expect(groups.length).toBe(6);
		for (const group of groups) expect(css).toContain(`.type-${group} {`);
	});

	it.each(groups)("%s labels meet WCAG AA (4.5:1) in light and dark", (group) => {
		for (const block of [light, dark]) {
			const ratio = contrast(
				colour(block, `type-${group}-text`),
				colour(block, `type-${group}-bg`),
			);
			expect(ratio).toBeGreaterThanOrEqual(4.5);
		}
	});

	it("the warning colour is readable on the page background in both schemes", () => {
		expect(contrast(colour(light, "warning"), colour(light, "bg"))).toBeGreaterThanOrEqual(4.5);
		expect(contrast(colour(dark, "warning"), colour(dark, "bg"))).toBeGreaterThanOrEqual(4.5);
	});
});
