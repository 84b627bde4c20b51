/**
 * What the pane's feature parts (src/taskpane/parts/*) share: the coordinator (src/taskpane/pane.ts)
 * hands each part this context. A part owns its own elements and state, and reaches the workbook
 * only through `host`, inside `exclusive()` so host calls never overlap.
 *
 * A new feature is a new part: a class taking the context, finding its elements with
 * `elements()`, and listed in the coordinator.
 */
import type { Report } from '../core/report';
import type { Acknowledgement, SheetRead, TemplateSheetInfo, WorkbookHost } from '../host/contract';
import type { Draft } from './findings-view';
import type { CheckView } from './model';
import { describeError } from './session';

export interface PaneContext {
  readonly doc: Document;
  readonly host: WorkbookHost;
  readonly now: () => Date;
  /** The workbook's template sheets, as last looked up. */
  templates: TemplateSheetInfo[];
  /** The template sheet the pane shows, or null. */
  shown: string | null;
  /** The shown sheet as last read, or null. */
  readonly current: SheetRead | null;
  /** The last check of it, or null. */
  readonly view: CheckView | null;
  /** Last year's report chosen for the cross-year rules, if any. */
  priorReport(): Report | null;
  /** The acknowledgements kept in the workbook. */
  acknowledgements(): readonly Acknowledgement[];
  /** The acknowledgement reason being typed, kept across re-renders. */
  draft: Draft | null;
  /** Host calls one at a time, in order. */
  exclusive<T>(task: () => Promise<T>): Promise<T>;
  /** Work outside the host queue (reading a chosen file) that idle() waits for too. */
  track(work: Promise<unknown>): void;
  /** Reads the shown template again. Inside exclusive(). */
  readCurrent(): Promise<void>;
  /** Draws every part from the state (no host call). */
  render(): void;
  /** render(), and the one-time upgrade offered for the shown sheet when it needs it. Inside exclusive(). */
  update(): Promise<void>;
  /** Looks up the templates again and shows one (see Pane.refresh). Inside exclusive(). */
  refreshNow(preferred?: string): Promise<void>;
  /** A line under the quick fixes saying what a fix or an action did (or why it could not). */
  note(text: string): void;
  /** Optional: the host's own open-file dialog (see OpenFile). */
  readonly openFile?: OpenFile;
}

export type FormElement = HTMLElement & { value?: string; disabled?: boolean; open?: boolean; files?: FileList | null };

/** The page's elements a part needs, by id; a missing one is a broken page, said at once. */
export function elements<const Id extends string>(doc: Document, ids: readonly Id[]): Record<Id, FormElement> {
  return Object.fromEntries(
    ids.map((id) => {
      const e = doc.getElementById(id);
      if (!e) throw new Error(`taskpane.html lacks #${id}`);
      return [id, e];
    }),
  ) as Record<Id, FormElement>;
}

export const valueOf = (el: { value?: string }): string => String(el.value ?? '').trim();
export const isDisabled = (el: Element): boolean => el.hasAttribute('disabled');

export function setDisabled(el: HTMLElement, disabled: boolean): void {
  if (disabled) el.setAttribute('disabled', '');
  else el.removeAttribute('disabled');
}

/** A file chosen through the host's own dialog (WPS's FileDialog), already read. */
export interface ChosenFile {
  name: string;
  bytes: Uint8Array;
}

/**
 * Optional, per host: a file chosen through the host's own open dialog, for web views that show
 * no browser file chooser. 'unavailable' leaves it to the page's file input. Synchronous, so the
 * fallback still runs inside the user's click.
 */
export type OpenFile = (accept: string) => ChosenFile | 'cancelled' | 'unavailable';

/**
 * A file button: the host's own dialog where it has one, the page's file input otherwise; a file
 * chosen through the dialog is handed to `chosen`, one chosen in the input arrives as the input's
 * change event.
 */
export function chooseFile(input: HTMLElement, openFile: OpenFile | undefined, chosen: (file: ChosenFile) => void): void {
  let outcome: ReturnType<OpenFile>;
  try {
    outcome = openFile ? openFile((input as HTMLInputElement).accept ?? '') : 'unavailable';
  } catch {
    outcome = 'unavailable';
  }
  if (outcome === 'unavailable') input.click();
  else if (outcome !== 'cancelled') chosen(outcome);
}

/**
 * The file just chosen (in a file input, or through the host's dialog), read by `read`; a reader
 * that throws becomes a failed result. The input is cleared so the same file can be chosen again.
 */
export async function takeFile<R>(
  source: HTMLElement | ChosenFile,
  read: (bytes: Uint8Array, name: string) => Promise<R>,
): Promise<{ file: { name: string }; result: R | { ok: false; error: string } } | null> {
  const fileInput = 'tagName' in source ? (source as HTMLInputElement) : null;
  const file: File | ChosenFile | undefined = fileInput ? fileInput.files?.[0] : (source as ChosenFile);
  if (!file) return null;
  let result: R | { ok: false; error: string };
  try {
    result = await read('arrayBuffer' in file ? new Uint8Array(await file.arrayBuffer()) : file.bytes, file.name);
  } catch (e) {
    result = { ok: false, error: describeError(e) };
  }
  if (fileInput) fileInput.value = '';
  return { file: { name: file.name }, result };
}
