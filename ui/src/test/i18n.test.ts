import { describe, expect, it } from "vitest";
import { SECTIONS } from "$lib/app.svelte";
import { BUILTIN_CATEGORIES } from "$lib/categories";
import { IMPORT_FIELDS } from "$lib/exchange";
import tables from "$lib/generated/core-tables.json";
import { hasKey, t } from "$lib/i18n";
import { ROLES, SESSION_TYPES, WARNING_KINDS } from "$lib/schedule";
import en from "../locales/en.json";
import { markupOf, sourceFiles, stripBraces } from "./sources";

const files = sourceFiles();
const LITERAL_KEY = /\bt\(\s*["']([^"'$]+)["']/g;

function literalKeys(): Map<string, string> {
	const keys = new Map<string, string>();
	for (const file of files) {
		for (const match of file.text.matchAll(LITERAL_KEY)) {
			if (match[1]) keys.set(match[1], file.path);
		}
	}
	return keys;
}

/** Keys built at run time from a known set of values. */
function dynamicKeys(): string[] {
	return [
		...SECTIONS.map((s) => `nav.${s.id}`),
		...SECTIONS.map((s) => `soon.${s.id}`),
		...BUILTIN_CATEGORIES.map((c) => `categories.${c}`),
		...["co_sponsor", "host", "organizer"].map((r) => `events.roles.${r}`),
		...SESSION_TYPES.map((type) => `labels.sessionType.${type}`),
		...ROLES.map((role) => `labels.role.${role}`),
		...WARNING_KINDS.map((kind) => `schedule.warningKinds.${kind}`),
		...IMPORT_FIELDS.map((field) => `exchange.fields.${field}`),
		// The core's error and warning codes (lib/messages.ts renders `messages.<code>`).
		...tables.message_codes.map((code) => `messages.${code}`),
	];
}

function leafKeys(tree: unknown, prefix = ""): string[] {
	if (typeof tree !== "object" || tree === null) return [prefix];
	return Object.entries(tree).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k));
}

describe("en.json", () => {
	it("finds the keys in the sources (so the next test checks something)", () => {
		expect(literalKeys().size).toBeGreaterThan(100);
	});

	it("has every key that the sources use", () => {
		const missing = [...literalKeys()]
			.filter(([key]) => !hasKey(key))
			.map(([key, path]) => `${key} (${path})`);
		expect(missing).toEqual([]);
	});

	it("has every key that is built at run time", () => {
		expect(dynamicKeys().filter((key) => !hasKey(key))).toEqual([]);
	});

	it("has no strings that nothing uses", () => {
		const used = new Set([...literalKeys().keys(), ...dynamicKeys()]);
		const unused = leafKeys(en)
			.map((key) => key.replace(/_(zero|one|other)$/, ""))
			// `doc.*`: the printed documents' words, read by the core (print/words.rs).
			.filter((key) => !key.startsWith("doc."))
			.filter((key) => !used.has(key));
		expect([...new Set(unused)]).toEqual([]);
	});

	it("pluralises counts", () => {
		expect(t("events.count", { count: 1 })).toBe("1 event");
		expect(t("events.count", { count: 3 })).toBe("3 events");
		expect(t("events.deleteMessage", { name: "AI seminar", count: 0 })).toContain("no attendees");
		expect(t("events.deleteMessage", { name: "AI seminar", count: 118 })).toBe(
			"Delete “AI seminar” and its 118 attendees? This cannot be undone.",
		);
	});

	it("says what the core prints for the built-in categories, the session types and the roles", () => {
		// The core's English labels (model::BUILTIN_CATEGORIES, SessionType::label, Role::label) go
		// into calendars and feeds, and `labels.*` on paper; the screen must not call the same
		// thing by another name.
		for (const category of tables.builtin_categories) {
			expect(t(`categories.${category.key}`), category.key).toBe(category.label);
		}
		for (const type of tables.session_types) {
			expect(t(`labels.sessionType.${type.key}`), type.key).toBe(type.label);
		}
		for (const role of tables.roles) {
			expect(t(`labels.role.${role.key}`), role.key).toBe(role.label);
		}
	});

	it("does not HTML-escape names (Svelte escapes once already)", () => {
		expect(t("attendees.deleted", { name: "Tom & Jerry <Ltd>" })).toBe("Deleted Tom & Jerry <Ltd>");
	});
});

/** Words a user would see that do not come from `t(…)`: text nodes and labelling attributes. */
function hardCodedWords(svelte: string): string[] {
	const markup = stripBraces(markupOf(svelte));
	const words = markup.replace(/<[^>]*>/g, " ").match(/\p{L}{2,}/gu) ?? [];
	const attrs = [...markup.matchAll(/\b(title|placeholder|aria-label|alt|label)="([^"]*)"/g)]
		.map((m) => m[2] ?? "")
		.filter((value) => /\p{L}{2,}/u.test(value));
	return [...words, ...attrs];
}

describe("components", () => {
	it("the detector sees hard-coded words and ignores code", () => {
		const sample = `<script>let x = "Hidden";</script>
			<p class="a">Hello {t("k")}</p><input placeholder="Type here" title={t("k")} />
			<button onclick={() => a > b}>{t("k")}</button><!-- note --><style>p{color:red}</style>`;
		expect(hardCodedWords(sample)).toEqual(["Hello", "Type here"]);
	});

	// Text in markup outside `{…}` would bypass i18next. Punctuation and symbols are fine.
	it("have no hard-coded words in their markup", () => {
		const offenders = files
			.filter((f) => f.path.endsWith(".svelte"))
			.flatMap((f) => hardCodedWords(f.text).map((w) => `${f.path}: ${w}`));
		expect(offenders).toEqual([]);
	});
});
