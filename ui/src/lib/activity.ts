//! Pure helpers for the activity log and undo: which entry the Undo button belongs to, which
//! entries can bring deleted attendees back, when Ctrl/Cmd+Z is ours rather than the text
//! field's, and words for a failed undo. Nothing here touches the DOM, so all of it is tested.

import { describeFailure, type FailureText, fieldText, toFailure } from "$lib/api";
import type { ActivityEntry } from "$lib/bindings";

type EntryState = Pick<ActivityEntry, "id" | "undoable">;

/**
 * The entry that Ctrl/Cmd+Z (and the Activity screen's Undo button) reverts: the newest one
 * the core marks `undoable` (not undone, not an undo, not the event's own creation), as its
 * `undo_last` picks it. `entries` are newest first. Null when there is nothing to undo.
 */
export function undoTarget<T extends EntryState>(entries: readonly T[]): T | null {
	return entries.find((e) => e.undoable) ?? null;
}

/** True when the entry removed attendees and can still be reverted to bring them back. */
export function canBringBack(entry: Pick<ActivityEntry, "deleted_attendees" | "undone">): boolean {
	return entry.deleted_attendees > 0 && !entry.undone;
}

/** The parts of a focused element that tell whether the user is typing in it. */
export type FocusLike = {
	tagName?: string;
	type?: string;
	isContentEditable?: boolean;
};

/** Input types that hold no text, so Ctrl/Cmd+Z there has no typing to undo. */
const NON_TEXT_INPUTS = new Set([
	"button",
	"checkbox",
	"color",
	"file",
	"hidden",
	"image",
	"radio",
	"range",
	"reset",
	"submit",
]);

/**
 * True when focus is in a place where Ctrl/Cmd+Z belongs to the browser (undoing typing): a
 * text input, a textarea, a select, or editable content.
 */
export function isTypingTarget(el: FocusLike | null | undefined): boolean {
	if (!el) return false;
	if (el.isContentEditable) return true;
	const tag = (el.tagName ?? "").toLowerCase();
	if (tag === "textarea" || tag === "select") return true;
	if (tag === "input") return !NON_TEXT_INPUTS.has((el.type ?? "text").toLowerCase());
	return false;
}

/** What the global undo shortcut needs to know about a key press and its surroundings. */
export type UndoKey = Pick<KeyboardEvent, "key" | "shiftKey" | "altKey" | "defaultPrevented">;

/**
 * True when a key press (with the OS's modifier already checked) is the app's undo: Z without
 * Shift or Alt, not already handled by the screen (say, the desk's own undo of a check-in),
 * not while typing, and not while a modal dialog is open.
 */
export function isGlobalUndo(
	e: UndoKey,
	context: { typing: boolean; dialogOpen: boolean },
): boolean {
	if (e.key.toLowerCase() !== "z" || e.shiftKey || e.altKey || e.defaultPrevented) return false;
	return !context.typing && !context.dialogOpen;
}

/**
 * Words for an undo that failed. The core refuses with a validation error on the field "undo"
 * and a full sentence (it clashes with a later change, or was already undone); that sentence is
 * the explanation, not a count of fields to correct.
 */
export function describeUndoFailure(error: unknown, action: string): FailureText {
	const failure = toFailure(error);
	if (failure.code === "validation") {
		const undo = failure.fields.find((f) => f.field === "undo");
		const why = undo ? fieldText(undo) : "";
		if (why) return { summary: `${action} ${why}`, detail: null };
	}
	return describeFailure(failure, action);
}
