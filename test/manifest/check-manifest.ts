/**
 * An offline structural check of an add-in-only manifest: what Microsoft's online validator
 * (npm run validate) would refuse, as far as it can be known without the XSDs, plus what makes a
 * shared runtime silently not share. Returns the problems found, in English, for test output.
 *
 * Element order follows "How to find the proper order of manifest elements"
 * (learn.microsoft.com/office/dev/add-ins/develop/manifest-element-ordering), task pane add-ins.
 */
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;

export interface Element {
  tag: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
  path: string;
}

/** Children in the order the schema requires them, by parent (and xsi:type where it matters). */
const SEQUENCES: Record<string, string[]> = {
  OfficeApp: ['Id', 'AlternateId', 'Version', 'ProviderName', 'DefaultLocale', 'DisplayName', 'Description', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl', 'AppDomains', 'Hosts', 'Requirements', 'DefaultSettings', 'Permissions', 'Dictionary', 'VersionOverrides', 'ExtendedOverrides'],
  'OfficeApp/Hosts': ['Host'],
  'OfficeApp/Requirements': ['Sets', 'Methods'],
  Sets: ['Set'],
  DefaultSettings: ['SourceLocation'],
  VersionOverrides: ['Description', 'Requirements', 'Hosts', 'Resources', 'WebApplicationInfo', 'EquivalentAddins'],
  'VersionOverrides/Hosts': ['Host'],
  'VersionOverrides/Hosts/Host': ['Runtimes', 'AllFormFactors', 'DesktopFormFactor', 'MobileFormFactor'],
  Runtimes: ['Runtime'],
  AllFormFactors: ['ExtensionPoint'],
  'ExtensionPoint[CustomFunctions]': ['Script', 'Page', 'Metadata', 'Namespace'],
  Script: ['SourceLocation'],
  Page: ['SourceLocation'],
  Metadata: ['SourceLocation'],
  DesktopFormFactor: ['GetStarted', 'FunctionFile', 'ExtensionPoint'],
  GetStarted: ['Title', 'Description', 'LearnMoreUrl'],
  'ExtensionPoint[PrimaryCommandSurface]': ['OfficeTab', 'CustomTab', 'OfficeMenu'],
  OfficeTab: ['Group'],
  Group: ['OverriddenByRibbonApi', 'Label', 'Icon', 'Control'],
  Icon: ['bt:Image'],
  Control: ['OverriddenByRibbonApi', 'Label', 'Supertip', 'Icon', 'Action', 'Enabled', 'Items'],
  Supertip: ['Title', 'Description'],
  'Action[ShowTaskpane]': ['TaskpaneId', 'SourceLocation', 'Title'],
  'Action[ExecuteFunction]': ['FunctionName'],
  Resources: ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings'],
  'bt:Images': ['bt:Image'],
  'bt:Urls': ['bt:Url'],
  'bt:ShortStrings': ['bt:String'],
  'bt:LongStrings': ['bt:String'],
};

/** Which resource list a resid on an element must come from. */
const RESID_KIND: Record<string, string> = {
  Runtime: 'bt:Urls',
  SourceLocation: 'bt:Urls',
  FunctionFile: 'bt:Urls',
  LearnMoreUrl: 'bt:Urls',
  Namespace: 'bt:ShortStrings',
  Label: 'bt:ShortStrings',
  Title: 'bt:ShortStrings',
  Description: 'bt:LongStrings',
  'bt:Image': 'bt:Images',
};

export function parseManifest(xml: string): Element {
  const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', commentPropName: '#comment', trimValues: true });
  const tree = parser.parse(xml) as Node[];
  const convert = (node: Node, parent: string): Element | null => {
    const tag = Object.keys(node).find((k) => k !== ':@');
    if (!tag || tag === '#text' || tag === '#comment' || tag === '?xml') return null;
    const path = parent ? `${parent}/${tag}` : tag;
    const raw = (node[tag] as Node[]) ?? [];
    const children = raw.map((c) => convert(c, path)).filter((c): c is Element => c !== null);
    const text = raw.filter((c) => '#text' in c).map((c) => String(c['#text'])).join('');
    return { tag, attrs: (node[':@'] as Record<string, string>) ?? {}, children, text, path };
  };
  const root = tree.map((n) => convert(n, '')).find((e) => e !== null);
  if (!root) throw new Error('no root element');
  return root;
}

export function* walk(e: Element): Generator<Element> {
  yield e;
  for (const c of e.children) yield* walk(c);
}

export const find = (root: Element, tag: string): Element[] => [...walk(root)].filter((e) => e.tag === tag);

function sequenceFor(e: Element): string[] | undefined {
  const type = e.attrs['xsi:type'];
  if (type && SEQUENCES[`${e.tag}[${type}]`]) return SEQUENCES[`${e.tag}[${type}]`];
  const tail = e.path.split('/');
  for (let n = tail.length; n >= 1; n--) {
    const key = tail.slice(tail.length - n).join('/');
    if (SEQUENCES[key]) return SEQUENCES[key];
  }
  return undefined;
}

export interface ManifestFacts {
  root: Element;
  resources: Map<string, { kind: string; value: string; overrides: Record<string, string> }>;
}

export function checkManifest(xml: string): string[] {
  const problems: string[] = [];
  let root: Element;
  try {
    root = parseManifest(xml);
  } catch (e) {
    return [`not well-formed: ${(e as Error).message}`];
  }
  if (root.tag !== 'OfficeApp' || root.attrs['xsi:type'] !== 'TaskPaneApp') problems.push('root must be <OfficeApp xsi:type="TaskPaneApp">');

  // Element order and membership.
  for (const e of walk(root)) {
    const seq = sequenceFor(e);
    if (!seq) continue;
    let last = -1;
    for (const c of e.children) {
      const i = seq.indexOf(c.tag);
      if (i < 0) problems.push(`<${c.tag}> is not a valid child of ${e.path}`);
      else if (i < last) problems.push(`<${c.tag}> is out of order in ${e.path} (expected order: ${seq.join(', ')})`);
      else last = i;
    }
  }

  // Resources: ids, lengths, URLs.
  const resources = new Map<string, { kind: string; value: string; overrides: Record<string, string> }>();
  for (const list of ['bt:Images', 'bt:Urls', 'bt:ShortStrings', 'bt:LongStrings']) {
    for (const holder of find(root, list)) {
      for (const r of holder.children) {
        const id = r.attrs.id ?? '';
        if (!id) problems.push(`${list} entry without an id`);
        if (id.length > 32) problems.push(`resource id ${id} is longer than 32 characters`);
        if (resources.has(id)) problems.push(`resource id ${id} is defined twice`);
        const overrides = Object.fromEntries(r.children.filter((o) => o.tag === 'bt:Override').map((o) => [o.attrs.Locale, o.attrs.Value]));
        resources.set(id, { kind: list, value: r.attrs.DefaultValue ?? '', overrides });
        for (const text of [r.attrs.DefaultValue ?? '', ...Object.values(overrides)]) {
          if (list === 'bt:ShortStrings' && [...text].length > 125) problems.push(`short string ${id} is longer than 125 characters`);
          if (list === 'bt:LongStrings' && [...text].length > 250) problems.push(`long string ${id} is longer than 250 characters`);
          if ((list === 'bt:Urls' || list === 'bt:Images') && !/^https:\/\/\S+$/.test(text)) problems.push(`URL ${id} is not https: ${text}`);
        }
        if (!r.attrs.DefaultValue) problems.push(`resource ${id} has no DefaultValue`);
      }
    }
  }

  // Every resid defined, in the right list; every resource used.
  const used = new Set<string>();
  for (const e of walk(root)) {
    const resid = e.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    if (resid.length > 32) problems.push(`resid ${resid} is longer than 32 characters`);
    const r = resources.get(resid);
    if (!r) problems.push(`resid ${resid} (on <${e.tag}>) is not defined in Resources`);
    else if (RESID_KIND[e.tag] && RESID_KIND[e.tag] !== r.kind) problems.push(`resid ${resid} on <${e.tag}> must be in ${RESID_KIND[e.tag]}, is in ${r.kind}`);
  }
  for (const id of resources.keys()) if (!used.has(id)) problems.push(`resource ${id} is never used`);

  // Top level: https, lengths, identity.
  for (const tag of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
    for (const e of find(root, tag).filter((x) => x.path === `OfficeApp/${tag}`)) {
      for (const url of [e.attrs.DefaultValue, ...e.children.map((o) => o.attrs.Value)]) if (!/^https:\/\//.test(url ?? '')) problems.push(`${tag} is not https: ${url}`);
    }
  }
  for (const e of find(root, 'SourceLocation').filter((x) => x.path === 'OfficeApp/DefaultSettings/SourceLocation')) {
    if (!/^https:\/\//.test(e.attrs.DefaultValue ?? '')) problems.push('DefaultSettings SourceLocation is not https');
  }
  const top = (tag: string) => root.children.find((c) => c.tag === tag);
  for (const [tag, max] of [
    ['DisplayName', 125],
    ['Description', 250],
  ] as const) {
    const e = top(tag);
    if (!e) problems.push(`<${tag}> is missing`);
    for (const v of [e?.attrs.DefaultValue ?? '', ...(e?.children.map((o) => o.attrs.Value) ?? [])]) if ([...v].length > max) problems.push(`${tag} is longer than ${max} characters`);
  }
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(top('Id')?.text ?? '')) problems.push('<Id> is not a GUID');
  if (!/^\d+(\.\d+){0,3}$/.test(top('Version')?.text ?? '')) problems.push('<Version> is not n.n.n.n');
  if (top('Permissions')?.text !== 'ReadWriteDocument') problems.push('<Permissions> must be ReadWriteDocument (the template is written into the workbook)');

  // Shared runtime.
  const sets = find(root, 'Set').filter((s) => s.path.startsWith('OfficeApp/Requirements'));
  if (!sets.some((s) => s.attrs.Name === 'SharedRuntime' && s.attrs.MinVersion === '1.1')) problems.push('Requirements lack <Set Name="SharedRuntime" MinVersion="1.1"/>');
  // The custom functions need their runtime; Microsoft's own custom-functions manifest declares it.
  if (!sets.some((s) => s.attrs.Name === 'CustomFunctionsRuntime' && s.attrs.MinVersion === '1.1')) problems.push('Requirements lack <Set Name="CustomFunctionsRuntime" MinVersion="1.1"/>');
  const runtimes = find(root, 'Runtime');
  if (runtimes.length !== 1) problems.push(`expected one <Runtime>, found ${runtimes.length}`);
  const runtime = runtimes[0]?.attrs.resid;
  if (runtimes[0]?.attrs.lifetime !== 'long') problems.push('<Runtime> must have lifetime="long"');
  const page = find(root, 'Page')[0]?.children.find((c) => c.tag === 'SourceLocation')?.attrs.resid;
  const functionFile = find(root, 'FunctionFile')[0]?.attrs.resid;
  if (!(runtime && runtime === page && runtime === functionFile)) problems.push(`the shared runtime needs one resid for Runtime (${runtime}), custom functions Page (${page}) and FunctionFile (${functionFile})`);
  for (const action of find(root, 'Action').filter((a) => a.attrs['xsi:type'] === 'ShowTaskpane')) {
    // "Configure your Office Add-in to use a shared runtime": a shared runtime supports one task
    // pane, and "any task pane without a <TaskpaneID> is considered a different task pane".
    if (!action.children.some((c) => c.tag === 'TaskpaneId')) problems.push('the ShowTaskpane action needs a TaskpaneId (the shared-runtime docs: a pane without one counts as another pane)');
    const src = action.children.find((c) => c.tag === 'SourceLocation')?.attrs.resid;
    if (src !== runtime) problems.push(`ShowTaskpane opens ${src}, not the shared runtime page ${runtime}`);
  }

  // Custom functions namespace: a short uppercase ASCII name users type.
  const ns = resources.get(find(root, 'Namespace')[0]?.attrs.resid ?? '');
  if (!ns || !/^[A-Z][A-Z0-9_.]{2,31}$/.test(ns.value)) problems.push(`custom functions namespace must be uppercase ASCII, is ${ns?.value}`);
  if (ns && Object.keys(ns.overrides).length > 0) problems.push('the custom functions namespace must not be localized: formulas name it');

  // Ids of groups and controls: unique, ≤ 125.
  const ids = [...walk(root)].filter((e) => ['Group', 'Control'].includes(e.tag)).map((e) => e.attrs.id ?? '');
  if (new Set(ids).size !== ids.length) problems.push('group and control ids must be unique');
  for (const id of ids) if (!id || id.length > 125) problems.push(`bad group/control id "${id}"`);

  return problems;
}
