import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import tables from "$lib/generated/core-tables.json";
import { SESSION_TYPES, typeGroup } from "$lib/schedule";
import { SRC } from "./sources";

// The colours are the core's (`TypeGroup::light`, `TypeGroup::dark`), written into
// lib/generated/session-types.css; the core's drift test keeps that file current.
const generated = readFileSync(join(SRC, "lib/generated/session-types.css"), "utf8");
const appCss = readFileSync(join(SRC, "app.css"), "utf8");

function split(css: string): { light: string; dark: string } {
	const at = css.indexOf("@media (prefers-color-scheme: dark)");
	return { light: css.slice(0, at), dark: css.slice(at) };
}

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

describe("session-type colours (../shared/design/ui.md)", () => {
	it("every type belongs to a family that has a class in the generated CSS", () => {
		expect(groups.length).toBe(6);
		for (const group of groups) expect(generated).toContain(`.type-${group} {`);
	});

	it("the generated CSS holds the core's colours, light and dark", () => {
		const { light, dark } = split(generated);
		for (const group of tables.type_groups) {
			for (const part of ["bg", "text", "edge"] as const) {
				expect(colour(light, `type-${group.key}-${part}`)).toBe(group.light[part]);
				expect(colour(dark, `type-${group.key}-${part}`)).toBe(group.dark[part]);
			}
		}
	});

	it("app.css keeps no copy of them, so there is one place to change a colour", () => {
		expect(appCss).not.toMatch(/--type-[a-z]+-(bg|text|edge)\s*:/);
		expect(appCss).not.toMatch(/\.type-(ceremony|lecture|exchange|visit|pause|other)\b/);
	});

	it.each(tables.type_groups)("$key labels meet WCAG AA (4.5:1) in light and dark", (group) => {
		for (const scheme of [group.light, group.dark]) {
			expect(contrast(scheme.text, scheme.bg)).toBeGreaterThanOrEqual(4.5);
		}
	});

	it("the warning colour is readable on the page background in both schemes", () => {
		const { light, dark } = split(appCss);
		expect(contrast(colour(light, "warning"), colour(light, "bg"))).toBeGreaterThanOrEqual(4.5);
		expect(contrast(colour(dark, "warning"), colour(dark, "bg"))).toBeGreaterThanOrEqual(4.5);
	});
});
