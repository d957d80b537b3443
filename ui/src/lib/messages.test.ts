import i18next from "i18next";
import { describe, expect, it, vi } from "vitest";
import ar from "../locales/ar.json";
import en from "../locales/en.json";
import fr from "../locales/fr.json";

// The app's i18n module with the French file instead of English (and no English fallback), so
// that every text below provably comes from fr.json; `lang` switches it to Arabic for one test.
const i18n = vi.hoisted(() => ({ lang: "fr" }));
vi.mock("$lib/i18n", async () => {
	const instance = i18next.createInstance();
	await instance.init({
		lng: "fr",
		resources: { fr: { translation: fr }, ar: { translation: ar } },
		interpolation: { escapeValue: false },
		initAsync: false,
		showSupportNotice: false,
	});
	const tr = (key: string, options?: object) => {
		void instance.changeLanguage(i18n.lang);
		return (instance.t as (k: string, o?: object) => string)(key, options);
	};
	return {
		t: tr,
		hasKey: (key: string) => {
			void instance.changeLanguage(i18n.lang);
			return instance.exists(key) || instance.exists(`${key}_other`);
		},
		formatLocale: () => (i18n.lang === "ar" ? "ar-u-nu-latn-ca-gregory" : "fr"),
		formatNumber: (n: number) => new Intl.NumberFormat("fr").format(n),
		uiLanguage: "fr",
	};
});
vi.mock("$lib/bindings", () => ({ commands: {} }));

import { describeFailure, fieldMessages, fieldText, toFailure } from "./api";
import { problemText } from "./exchange";
import { isolate, messageValues, renderMessage, warningText } from "./messages";

const SENTINEL = "RUST-ENGLISH-SENTINEL";
const FSI = "\u2068";
const PDI = "\u2069";

/** An error as the shell sends it, with the sentinel wherever the core puts English. */
function apiError(
	code: string,
	messageCode: string,
	params: Record<string, string> = {},
	fields: object[] = [],
) {
	return { code, message_code: messageCode, params, message: SENTINEL, fields };
}

function field(
	name: string,
	code: string,
	params: Record<string, string> = {},
	row: number | null = null,
) {
	return { field: name, code, params, message: SENTINEL, row };
}

/** Everything a failure can show: the summary, the detail and each field's text. */
function shown(error: unknown): string {
	const text = describeFailure(error, "Action.");
	return [text.summary, text.detail ?? "", ...Object.values(fieldMessages(error))].join(" | ");
}

describe("the core's messages are rendered from the locale file, never from Rust's English", () => {
	it("a validation error shows each field's message in French", () => {
		const error = apiError("validation", "error.validation", {}, [
			field("name", "field.too_long", { length: "250", max: "200" }),
		]);
		const text = shown(error);
		expect(text).not.toContain(SENTINEL);
		expect(fieldMessages(error).name).toBe(
			"Ce texte compte 250 caractères\u00a0; 200 au maximum sont autorisés.",
		);
	});

	it("not found", () => {
		const text = shown(apiError("not_found", "error.not_found_attendee", { id: "a-1" }));
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain(`Le participant ${FSI}a-1${PDI} est introuvable.`);
	});

	it("conflict (an ambiguous search)", () => {
		const text = shown(
			apiError("conflict", "error.many_match", { number: "3", search: "Ana", list: "A, B, C" }),
		);
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain(`3 personnes correspondent à «\u00a0${FSI}Ana${PDI}\u00a0»`);
	});

	it("incompatible (a newer database)", () => {
		const text = shown(apiError("conflict", "backup.newer_version", { version: "9", max: "7" }));
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain("version plus récente de Plenary (schéma 9");
	});

	it("io", () => {
		const text = shown(apiError("io", "error.io_denied", { path: "/srv/list.csv" }));
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain(
			`Plenary n’est pas autorisé à lire ou à écrire ${FSI}/srv/list.csv${PDI}.`,
		);
	});

	it("internal", () => {
		const text = shown(apiError("internal", "error.database"));
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain("La base de données a signalé une erreur.");
	});

	it("a schedule warning and its fix, with times in the event's zone", () => {
		const w = {
			code: "conflict.room_overlap",
			params: {
				zone: "Asia/Shanghai",
				room: "Salle A",
				a_title: "Ouverture",
				a_start: "2024-09-03T09:00:00+08:00",
				a_end: "2024-09-03T10:30:00+08:00",
				b_title: "Pause",
				b_start: "2024-09-03T10:00:00+08:00",
				b_end: "2024-09-03T10:15:00+08:00",
			},
			message: SENTINEL,
			fix_code: "conflict.room_overlap_fix",
			fix_params: {},
			fix: SENTINEL,
		};
		const { message, fix } = warningText(w);
		expect(`${message} ${fix}`).not.toContain(SENTINEL);
		expect(message).toContain(`«\u00a0${FSI}Ouverture${PDI}\u00a0»`);
		expect(message).toContain("ont lieu en même temps dans la salle");
		// 01:00 UTC is 09:00 in Shanghai: the zone comes from the message, not from the OS.
		expect(message).toMatch(/09:00–10:30/);
		expect(message).not.toContain("2024-09-03T");
		expect(fix).toBe("Déplacez l’une des deux séances dans une autre salle ou à un autre moment.");
	});

	it("an import problem names its line, its field and the French text", () => {
		const problem = field("attending", "import.bad_attending", { value: "peut-être" }, 4);
		const text = problemText(problem as never);
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain(`«\u00a0${FSI}peut-être${PDI}\u00a0» n’est ni oui ni non`);
	});

	it("a print error", () => {
		const error = apiError("validation", "error.validation", {}, [
			field("day", "print.not_an_event_day", {
				day_date: "2030-01-01",
				start_date: "2024-09-03",
				end_date: "2024-09-05",
			}),
		]);
		const text = fieldMessages(error).day ?? "";
		expect(shown(error)).not.toContain(SENTINEL);
		expect(text).toContain("n’est pas un jour de la manifestation");
		expect(text).toContain("1 janvier 2030");
		expect(shown(apiError("internal", "print.render_failed"))).toContain(
			"Le document n’a pas pu être mis en page.",
		);
	});

	it("a backup error", () => {
		const text = shown(apiError("conflict", "backup.not_a_database", { path: "copie.db" }));
		expect(text).not.toContain(SENTINEL);
		expect(text).toContain(`${FSI}copie.db${PDI} ne peut pas être utilisé`);
	});

	it("a failure without a code (the IPC itself) shows no core text at all", () => {
		const text = shown({ code: "internal", message: SENTINEL, fields: [] });
		expect(text).not.toContain(SENTINEL);
		expect(toFailure({ code: "internal", message: SENTINEL }).messageCode).toBe("");
	});

	it("an unknown code falls back to a localised text", () => {
		expect(renderMessage("field.from_a_newer_core", {})).not.toContain("field.from_a_newer_core");
		expect(fieldText(field("x", "field.from_a_newer_core") as never)).not.toContain(SENTINEL);
	});

	it("an Arabic sentence keeps a Latin name in its own direction", () => {
		i18n.lang = "ar";
		try {
			const text = renderMessage("conflict.absent_speaker", {
				name: "Ana SILVA",
				title: "Opening",
			});
			expect(text).toBe(
				`لم يعد ${FSI}Ana SILVA${PDI} حاضرًا لكنه لا يزال مدرجًا في «${FSI}Opening${PDI}».`,
			);
		} finally {
			i18n.lang = "fr";
		}
	});
});

describe("parameters", () => {
	it("isolates user data but not numbers or counts", () => {
		const values = messageValues({ name: "أحمد", max: "200", count: "3" });
		expect(values.name).toBe(isolate("أحمد"));
		expect(values.max).toBe("200");
		expect(values.count).toBe(3);
		// A code point keeps its leading zeros: it is not a number to format.
		expect(messageValues({ code_point: "00E9" }).code_point).toBe(isolate("00E9"));
	});

	it("shows two instants to the second only when they would read alike to the minute", () => {
		const close = messageValues(
			{ first_at: "2024-09-03T01:02:41Z", second_at: "2024-09-03T01:02:47Z" },
			"Asia/Shanghai",
		);
		expect(close.first_at).toMatch(/09:02:41/);
		expect(close.second_at).toMatch(/09:02:47/);
		const apart = messageValues(
			{ first_at: "2024-09-03T01:02:41Z", second_at: "2024-09-03T01:05:00Z" },
			"Asia/Shanghai",
		);
		expect(apart.first_at).toMatch(/09:02$/);
		expect(apart.second_at).toMatch(/09:05$/);
		// The same instant twice is no clash of minutes.
		const same = messageValues(
			{ first_at: "2024-09-03T01:02:41Z", second_at: "2024-09-03T01:02:41Z" },
			"Asia/Shanghai",
		);
		expect(same.first_at).toMatch(/09:02$/);
	});

	it("names roles and countries in the user's language", () => {
		const values = messageValues({ role: "moderator", country: "CN" });
		expect(values.role).toBe(fr.labels.role.moderator);
		expect(values.country).toBe(isolate("Chine"));
	});

	it("every code in the English file has the same placeholders in French and Arabic", () => {
		const names = (text: string) =>
			[...text.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1] ?? "").sort();
		const walk = (tree: Record<string, unknown>, prefix = ""): [string, string][] =>
			Object.entries(tree).flatMap(([k, v]) =>
				typeof v === "string"
					? [[`${prefix}${k}`, v] as [string, string]]
					: walk(v as Record<string, unknown>, `${prefix}${k}.`),
			);
		const englishKeys = Object.fromEntries(walk(en.messages));
		const groups = (tree: Record<string, unknown>) => {
			const out = new Map<string, Set<string>>();
			for (const [k, v] of walk(tree)) {
				const base = k.replace(/_(zero|one|two|few|many|other)$/, "");
				const set = out.get(base) ?? new Set<string>();
				for (const n of names(v)) set.add(n);
				out.set(base, set);
			}
			return out;
		};
		const english = groups(en.messages);
		expect(Object.keys(englishKeys).length).toBeGreaterThan(100);
		for (const other of [fr.messages, ar.messages]) {
			const theirs = groups(other);
			for (const [key, set] of english) {
				expect([...(theirs.get(key) ?? [])].sort(), key).toEqual([...set].sort());
			}
		}
	});
});
