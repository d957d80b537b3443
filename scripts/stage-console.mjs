// Tauri's beforeBundleCommand on Windows only (src-tauri/tauri.windows.conf.json): builds the
// tiny console launcher (src-tauri/console) in release mode and stages it as
// src-tauri/console/staged/plenary.exe, which the Windows installers carry beside the app.
// Linux and macOS need no second file: there `plenary` is a link to the app itself.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The Tauri CLI always names the target triple; pass it on only for a cross-compile, since
// `--target` for the host builds into another folder.
const host = /^host: (.+)$/m.exec(execFileSync("rustc", ["-vV"], { encoding: "utf8" }))?.[1];
const wanted = process.env.TAURI_ENV_TARGET_TRIPLE ?? "";
const triple = wanted && wanted !== host ? wanted : "";
const args = ["build", "--release", "-p", "plenary-console"];
if (triple) args.push("--target", triple);
execFileSync("cargo", args, { cwd: root, stdio: "inherit" });

const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const built = join(targetDir, triple, "release", "plenary-console.exe");
const staged = join(root, "src-tauri", "console", "staged");
mkdirSync(staged, { recursive: true });
copyFileSync(built, join(staged, "plenary.exe"));
console.log(`Staged the console launcher from ${built}`);
