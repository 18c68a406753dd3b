import { example, knowledge as embedded, version } from "jdlint:embedded";
import { decodeText } from "../../src/cli/decode.js";
import type { LintSettings } from "../../src/engine/linter.js";
import { VERDICT_WORD } from "../../src/formatters/verdict-words.js";
import { fileFormat } from "../../src/parsers/index.js";
import { checkPosting, playgroundSettings } from "./core.js";
import { readEmbeddedKnowledge } from "./knowledge.js";
import { renderChecked, renderEmpty } from "./render.js";
import { readFragment, shareFragment } from "./share.js";

/** The page: a posting in, the verdict out, all in this page. Nothing is sent anywhere. */

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const textarea = byId<HTMLTextAreaElement>("posting");
const results = byId<HTMLElement>("results");
const dropZone = byId<HTMLElement>("drop-zone");
const fileInput = byId<HTMLInputElement>("file");
const status = byId<HTMLElement>("status");
const formatNote = byId<HTMLElement>("format");
const announce = byId<HTMLElement>("announce");
byId<HTMLElement>("version").textContent = version;

/** The file the text came from (its ending says the format), or null for pasted or typed text. */
let fileName: string | null = null;
let settings: LintSettings | null = null;

/** The knowledge is read when first needed, or once the page has been drawn, whichever comes first. */
function ready(): LintSettings {
  return (settings ??= playgroundSettings(readEmbeddedKnowledge(embedded)));
}

function say(message: string): void {
  status.textContent = message;
}

/** Judges the text now and shows the verdict. */
function update(): void {
  const text = textarea.value;
  const name = fileName ?? "posting";
  if (!/[^\s\uFEFF]/.test(text)) {
    formatNote.textContent = "";
    announce.textContent = "";
    renderEmpty(results);
    return;
  }
  formatNote.textContent = `Read as ${fileFormat(name, text)}${fileName ? `, from ${fileName}` : ""}`;
  try {
    const checked = checkPosting(ready(), text, name);
    renderChecked(results, checked, text);
    // Said once per verdict, not the whole results read out again.
    announce.textContent = checked.results.map((r) => `${VERDICT_WORD[r.verdict.status]}: ${r.verdict.summary}`).join(". ");
  } catch (e) {
    results.replaceChildren();
    say(`Something went wrong reading this posting: ${(e as Error).message}`);
  }
}

let timer: ReturnType<typeof setTimeout> | undefined;

/** Typing waits for a pause; a paste or a drop is judged at once. */
function schedule(now: boolean): void {
  clearTimeout(timer);
  if (now) update();
  else timer = setTimeout(update, 250);
}

function setPosting(text: string, name: string | null): void {
  textarea.value = text;
  fileName = name;
  update();
}

/** An edit makes the address's posting out of date: it is taken off until shared again. */
function forgetShared(): void {
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
}

textarea.addEventListener("input", (e) => {
  const kind = (e as InputEvent).inputType ?? "";
  if (kind === "insertFromPaste" || kind === "insertFromDrop") fileName = null;
  forgetShared();
  schedule(kind === "insertFromPaste" || kind === "insertFromDrop" || textarea.value === "");
});

async function openFile(file: File): Promise<void> {
  const decoded = decodeText(new Uint8Array(await file.arrayBuffer()));
  if ("error" in decoded) {
    say(`${file.name}: ${decoded.error}`);
    return;
  }
  forgetShared();
  say(`Opened ${file.name}.`);
  setPosting(decoded.text, file.name);
}

fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  if (file) void openFile(file);
  fileInput.value = "";
});

// A file dropped anywhere on the page is opened (rather than the browser leaving the page for it).
const carriesFiles = (e: DragEvent) => e.dataTransfer?.types.includes("Files") ?? false;
for (const kind of ["dragenter", "dragover"]) {
  document.addEventListener(kind, (e) => {
    const drag = e as DragEvent;
    if (!carriesFiles(drag)) return;
    drag.preventDefault();
    drag.dataTransfer!.dropEffect = "copy";
    dropZone.classList.add("dragging");
  });
}
document.addEventListener("dragleave", (e) => {
  if (!(e as DragEvent).relatedTarget) dropZone.classList.remove("dragging");
});
document.addEventListener("drop", (e) => {
  dropZone.classList.remove("dragging");
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  e.preventDefault();
  void openFile(file);
});

byId("example").addEventListener("click", () => {
  forgetShared();
  say("");
  setPosting(example, null);
  textarea.focus();
  textarea.setSelectionRange(0, 0);
  textarea.scrollTop = 0;
});

byId("clear").addEventListener("click", () => {
  forgetShared();
  say("");
  setPosting("", null);
  textarea.focus();
});

byId("share").addEventListener("click", async () => {
  if (!textarea.value.trim()) {
    say("Paste a posting first: the link carries it.");
    return;
  }
  history.replaceState(null, "", await shareFragment({ text: textarea.value, name: fileName }));
  try {
    await navigator.clipboard.writeText(location.href);
    say("Link copied. It holds the posting itself, after the #: opening it sends nothing to any server.");
  } catch {
    say("The address bar now holds the link: copy it from there. The posting is after the #, which is never sent.");
  }
});

async function restoreShared(): Promise<boolean> {
  try {
    const shared = await readFragment(location.hash);
    if (!shared) return false;
    setPosting(shared.text, shared.name);
    say("Opened the posting from the link.");
    return true;
  } catch {
    say("This link's posting could not be read: it may have been cut short.");
    return false;
  }
}

window.addEventListener("hashchange", () => void restoreShared());

void (async () => {
  if (await restoreShared()) return;
  // A browser may keep the text across a reload.
  if (textarea.value) update();
  else renderEmpty(results);
  // Read the knowledge while the person reads the page, so that the first paste is judged at once.
  setTimeout(ready, 0);
})();
