// Tauri's beforeBundleCommand: builds the `plenary` CLI in release mode and copies it to
// src-tauri/bundle-cli/, where tauri.conf.json's bundle settings pick it up, so every
// installer carries the CLI beside the app (/usr/bin/plenary in the .deb and .rpm, inside
// Plenary.app on macOS, in the install folder on Windows). Node runs it on every platform.
import { execFileSync } from "node:child_process";
import { copyFileSync, chmodSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The Tauri CLI always names the target triple. Only a cross-compile (the release workflow's
// macOS matrix) passes it on: `--target` for the host would build into another folder and
// compile every dependency again.
const host = /^host: (.+)$/m.exec(execFileSync("rustc", ["-vV"], { encoding: "utf8" }))?.[1];
const wanted = process.env.TAURI_ENV_TARGET_TRIPLE ?? "";
const triple = wanted && wanted !== host ? wanted : "";
// Built together with the app's package and its feature, so that cargo resolves the same
// features as the app's own release build and reuses all of its compiled dependencies.
const args = [
	"build",
	"--release",
	"-p",
	"plenary-core",
	"-p",
	"plenary-desktop",
	"--bin",
	"plenary",
	"--features",
	"plenary-desktop/custom-protocol",
];
if (triple) args.push("--target", triple);
execFileSync("cargo", args, { cwd: root, stdio: "inherit" });

const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const exe = process.platform === "win32" ? "plenary.exe" : "plenary";
const built = triple ? join(targetDir, triple, "release", exe) : join(targetDir, "release", exe);
const staged = join(root, "src-tauri", "bundle-cli");
mkdirSync(staged, { recursive: true });
copyFileSync(built, join(staged, exe));
if (process.platform !== "win32") chmodSync(join(staged, exe), 0o755);
console.log(`Staged the plenary CLI from ${built}`);
