/**
 * Stands in for office-addin-manifest under jest: office-addin-mock imports only this enum from
 * it, and the real package pulls an ESM-only dependency (strip-bom 5) that jest cannot load on
 * Node 20.
 */
export enum OfficeApp {
  Excel = 'excel',
  OneNote = 'onenote',
  Outlook = 'outlook',
  PowerPoint = 'powerpoint',
  Project = 'project',
  Word = 'word',
}
