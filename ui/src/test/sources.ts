//! Reads the UI's own source files for the tests that guard project-wide rules.

import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const SRC = fileURLToPath(new URL("..", import.meta.url));

export type SourceFile = { path: string; text: string };

/** Every .ts, .svelte and .css file under src/, tests excluded. */
export function sourceFiles(): SourceFile[] {
	const out: SourceFile[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const full = join(dir, name);
			if (statSync(full).isDirectory()) {
				if (name !== "test") walk(full);
			} else if (/\.(ts|svelte|css)$/.test(name) && !/\.test\.ts$/.test(name)) {
				out.push({ path: relative(SRC, full), text: readFileSync(full, "utf8") });
			}
		}
	};
	walk(SRC);
	return out;
}

/** Removes `{…}` expressions with nesting, so markup can be read without code. */
export function stripBraces(text: string): string {
	let depth = 0;
	let out = "";
	for (const ch of text) {
		if (ch === "{") depth++;
		if (depth === 0) out += ch;
		if (ch === "}" && depth > 0) depth--;
	}
	return out;
}

/** The markup of a component: no script, style or comments. */
export function markupOf(svelte: string): string {
	return svelte
		.replace(/<script[\s\S]*?<\/script>/g, "")
		.replace(/<style[\s\S]*?<\/style>/g, "")
		.replace(/<!--[\s\S]*?-->/g, "");
}
