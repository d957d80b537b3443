import { describe, expect, it } from "vitest";
import { sourceFiles } from "./sources";

const files = sourceFiles();

function styleOf(file: { path: string; text: string }): string {
	if (file.path.endsWith(".css")) return file.text;
	return [...file.text.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join("\n");
}

describe("project rules", () => {
	it("reads the sources", () => {
		expect(files.some((f) => f.path === "lib/bindings.ts")).toBe(true);
		expect(files.filter((f) => f.path.endsWith(".svelte")).length).toBeGreaterThan(10);
	});

	it("CSS uses logical properties only, so an RTL UI needs nothing but dir=rtl", () => {
		const physical =
			/\b(margin|padding|border)-(left|right)\b|(^|[\s;{])(left|right)\s*:|\b(text-align|float|clear)\s*:\s*(left|right)\b|\b(min|max)-width\s*:|(^|[\s;{])(width|height)\s*:/m;
		const offenders = files
			.filter((f) => physical.test(styleOf(f).replace(/@media[^{]*\{/g, "")))
			.map((f) => f.path);
		expect(offenders).toEqual([]);
	});

	it("text fields take the direction of what is typed (dir), so a name keeps its order in any UI language", () => {
		const untyped = new Set([
			"checkbox",
			"radio",
			"number",
			"date",
			"time",
			"file",
			"hidden",
			"range",
		]);
		const offenders: string[] = [];
		for (const file of files.filter((f) => f.path.endsWith(".svelte"))) {
			for (const m of file.text.matchAll(/<(input|textarea)\b([\s\S]*?)\/?>/g)) {
				const attrs = m[2] ?? "";
				const type = /\btype="([^"]+)"/.exec(attrs)?.[1] ?? "text";
				if (untyped.has(type) || /\bdir=/.test(attrs)) continue;
				offenders.push(
					`${file.path}: <${m[1]} ${attrs.trim().split(/\s+/).slice(0, 3).join(" ")}…>`,
				);
			}
		}
		// The country picker belongs to the countries work; its field holds a country name.
		expect(offenders.filter((o) => !o.startsWith("components/CountryPicker.svelte"))).toEqual([]);
	});

	it("dates and numbers are formatted in the UI language's locale tag, never a hard-coded one", () => {
		// time.ts parses zone offsets with fixed "en-US" parts, which never reach the screen.
		const fixed = /new Intl\.(DateTimeFormat|NumberFormat|ListFormat|PluralRules)\(\s*["'][a-z]{2}/;
		const offenders = files
			.filter((f) => f.path !== "lib/time.ts" && fixed.test(f.text))
			.map((f) => f.path);
		expect(offenders).toEqual([]);
	});

	it("nothing is loaded from the network (strict CSP, offline desk use)", () => {
		const remote =
			/url\(\s*["']?https?:|@import\s+["']?https?:|<link[^>]+https?:|<script[^>]+src=["']?https?:/;
		expect(files.filter((f) => remote.test(f.text)).map((f) => f.path)).toEqual([]);
	});

	it("only the generated bindings talk to Tauri, and never through window.__TAURI__", () => {
		const direct = files.filter((f) => f.text.includes("__TAURI__")).map((f) => f.path);
		const importers = files
			.filter((f) => /from\s+["']@tauri-apps\/api/.test(f.text))
			.map((f) => f.path);
		expect(direct).toEqual([]);
		// The import wrapper makes the progress Channel that the generated commitImport takes,
		// the live updates the Channel that watchStore takes; nothing else touches Tauri.
		expect(importers).toEqual(["lib/bindings.ts", "lib/exchange-api.ts", "lib/live-api.ts"]);
	});

	it("never calls the web view's own print, which would block the window (the e2e tests too)", () => {
		const calls = files.filter((f) => /\bprint\s*\(\s*\)/.test(f.text)).map((f) => f.path);
		expect(calls).toEqual([]);
	});

	it("screens reach Rust only through the api wrappers, which wrap the bindings", () => {
		const users = files
			.filter((f) =>
				/import\s*\{[^}]*\bcommands\b[^}]*\}\s*from\s*["']\$lib\/bindings["']/.test(f.text),
			)
			.map((f) => f.path);
		expect(users).toEqual([
			"lib/activity-api.ts",
			"lib/api.ts",
			"lib/desk-api.ts",
			"lib/exchange-api.ts",
			"lib/live-api.ts",
			"lib/print-api.ts",
			"lib/schedule-api.ts",
		]);
	});
});
