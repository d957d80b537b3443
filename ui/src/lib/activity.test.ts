import { describe, expect, it } from "vitest";
import {
	canBringBack,
	describeUndoFailure,
	isGlobalUndo,
	isTypingTarget,
	undoTarget,
} from "$lib/activity";
import { ApiFailure } from "$lib/api";
import type { ActivityEntry } from "$lib/bindings";

function entry(id: number, parts: Partial<ActivityEntry> = {}): ActivityEntry {
	return {
		id,
		at: "2024-09-03T01:00:00Z",
		actor: "lchen",
		summary: `Change ${id}`,
		reason: "",
		undone: false,
		is_undo: false,
		deleted_attendees: 0,
		...parts,
		// As the core derives it: not undone and not an undo (unless a test says otherwise).
		undoable: parts.undoable ?? (!parts.undone && !parts.is_undo),
	};
}

describe("undoTarget", () => {
	it("is the newest entry (the list is newest first)", () => {
		expect(undoTarget([entry(3), entry(2), entry(1)])?.id).toBe(3);
	});

	it("skips undo entries and undone entries, as the core's undo_last does", () => {
		// 5 undid 4; so the next Ctrl+Z reverts 3, not the undo itself.
		const log = [entry(5, { is_undo: true }), entry(4, { undone: true }), entry(3), entry(2)];
		expect(undoTarget(log)?.id).toBe(3);
	});

	it("skips what the core says cannot be undone, such as the event's creation", () => {
		expect(undoTarget([entry(2, { undoable: false }), entry(1)])?.id).toBe(1);
		expect(undoTarget([entry(1, { undoable: false })])).toBeNull();
	});

	it("is null when everything is undone or an undo", () => {
		expect(undoTarget([entry(2, { is_undo: true }), entry(1, { undone: true })])).toBeNull();
		expect(undoTarget([])).toBeNull();
	});
});

describe("canBringBack", () => {
	it("offers deletions of attendees that are not undone yet", () => {
		expect(canBringBack(entry(1, { deleted_attendees: 1 }))).toBe(true);
		expect(canBringBack(entry(1, { deleted_attendees: 3 }))).toBe(true);
	});

	it("not for changes that removed nobody, nor for undone deletions", () => {
		expect(canBringBack(entry(1))).toBe(false);
		expect(canBringBack(entry(1, { deleted_attendees: 1, undone: true }))).toBe(false);
	});
});

describe("isTypingTarget", () => {
	it("is true in text fields, where Ctrl+Z undoes typing", () => {
		expect(isTypingTarget({ tagName: "INPUT", type: "text" })).toBe(true);
		expect(isTypingTarget({ tagName: "INPUT", type: "search" })).toBe(true);
		expect(isTypingTarget({ tagName: "INPUT", type: "email" })).toBe(true);
		expect(isTypingTarget({ tagName: "INPUT" })).toBe(true);
		expect(isTypingTarget({ tagName: "TEXTAREA" })).toBe(true);
		expect(isTypingTarget({ tagName: "SELECT" })).toBe(true);
		expect(isTypingTarget({ tagName: "DIV", isContentEditable: true })).toBe(true);
	});

	it("is false on the page, on buttons, rows and boxes without text", () => {
		expect(isTypingTarget(null)).toBe(false);
		expect(isTypingTarget({ tagName: "BODY" })).toBe(false);
		expect(isTypingTarget({ tagName: "BUTTON" })).toBe(false);
		expect(isTypingTarget({ tagName: "DIV", isContentEditable: false })).toBe(false);
		expect(isTypingTarget({ tagName: "INPUT", type: "checkbox" })).toBe(false);
		expect(isTypingTarget({ tagName: "INPUT", type: "radio" })).toBe(false);
	});
});

describe("isGlobalUndo", () => {
	const key = (parts: Partial<KeyboardEvent> = {}) => ({
		key: "z",
		shiftKey: false,
		altKey: false,
		defaultPrevented: false,
		...parts,
	});
	const free = { typing: false, dialogOpen: false };

	it("is Z (either case) with the modifier alone", () => {
		expect(isGlobalUndo(key(), free)).toBe(true);
		expect(isGlobalUndo(key({ key: "Z" }), free)).toBe(true);
	});

	it("leaves typing, dialogs and other keys alone", () => {
		expect(isGlobalUndo(key(), { typing: true, dialogOpen: false })).toBe(false);
		expect(isGlobalUndo(key(), { typing: false, dialogOpen: true })).toBe(false);
		expect(isGlobalUndo(key({ key: "y" }), free)).toBe(false);
		// Shift+Ctrl+Z is redo, Alt changes the meaning.
		expect(isGlobalUndo(key({ shiftKey: true }), free)).toBe(false);
		expect(isGlobalUndo(key({ altKey: true }), free)).toBe(false);
	});

	it("leaves a key the screen has handled (the desk's undo of a check-in)", () => {
		expect(isGlobalUndo(key({ defaultPrevented: true }), free)).toBe(false);
	});
});

describe("describeUndoFailure", () => {
	const why =
		"“\u2068Deleted Ana Silva\u2069” cannot be undone: what it would restore clashes with a later change (\u2068UNIQUE\u2069).";

	it("tells the core's reason for refusing, not a count of fields", () => {
		const failure = new ApiFailure("validation", "RUST-ENGLISH-SENTINEL", [
			{
				field: "undo",
				code: "field.undo_clashes",
				params: { summary: "Deleted Ana Silva", detail: "UNIQUE" },
				message: "RUST-ENGLISH-SENTINEL",
				row: null,
			},
		]);
		const text = describeUndoFailure(failure, "Nothing was brought back.");
		expect(text.summary).toBe(`Nothing was brought back. ${why}`);
		expect(text.detail).toBeNull();
	});

	it("falls back to the usual words for other failures", () => {
		const text = describeUndoFailure(new ApiFailure("unreachable", "no IPC"), "Not undone.");
		expect(text.summary.startsWith("Not undone. ")).toBe(true);
		expect(text.summary).not.toContain("no IPC");
	});
});
