//! The one way the fake backends fail: with the same `ApiError` shape the Rust side sends.
import type { ApiError } from "$lib/bindings";

export function fail(
	code: ApiError["code"],
	message: string,
	fields: [string, string][] = [],
): never {
	const error: ApiError = {
		code,
		message,
		fields: fields.map(([field, m]) => ({ field, message: m, row: null })),
	};
	throw error;
}
