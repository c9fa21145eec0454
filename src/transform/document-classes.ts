/**
 * The classes a document's trees may carry, in one table: what each marks, how the
 * stylesheet (`styles/document.css`) and the DOCX show it. The sanitiser allows exactly
 * these (`sanitize-schema.ts`), the builders accept only these names (`mdast-builders.ts`),
 * the DOCX handlers take their styles from here, and a test fails when a class lacks its
 * CSS rule or DOCX style, so a new class cannot be dropped or left unstyled without a word.
 */

/**
 * How the DOCX shows a class: a named paragraph style, a style its container passes to its
 * paragraphs, a handler of its own (in the DOCX's `classHandlers`, under the class's name;
 * the text says what it makes), or nothing of its own (and why).
 */
export type DocxTreatment =
  | { paragraphStyle: DocxStyleName }
  | { containerStyle: DocxStyleName }
  | { handler: string }
  | { none: string }

/** Paragraph styles of the DOCX (`src/render/docx/styles.ts` defines each). */
export type DocxStyleName = 'lead' | 'themeSubtitle' | 'routeFacts' | 'proposedBy' | 'signatoryName' | 'signatoryRole' | 'figure' | 'proposition' | 'callout'

export interface DocumentClass {
  /** What the class marks. */
  marks: string
  /** Styled by a rule in `styles/document.css`, or why it needs none. */
  css: true | { none: string }
  docx: DocxTreatment
}

export const documentClasses = {
  'signatures': { marks: 'the signatures under the foreword', css: true, docx: { handler: 'a table of the signatories side by side, without borders' } },
  'signatory': { marks: 'one signatory: image, name, role', css: true, docx: { none: 'one cell of the signatures handler\'s table' } },
  'signature-image': { marks: 'a signature image', css: true, docx: { none: 'the image handler sizes every image' } },
  'signature-image-wrapper': { marks: 'the paragraph holding a signature image', css: { none: 'laid out by .signatory' }, docx: { paragraphStyle: 'figure' } },
  'signatory-name': { marks: "a signatory's name", css: { none: 'bold by its <strong>' }, docx: { paragraphStyle: 'signatoryName' } },
  'signatory-role': { marks: "a signatory's role", css: true, docx: { paragraphStyle: 'signatoryRole' } },
  'key-outcomes': { marks: 'the list of key outcomes', css: true, docx: { none: 'a Word list like any other' } },
  'route': { marks: 'one corridor or route with its facts', css: true, docx: { none: 'its heading and paragraphs carry the styles' } },
  'route-name': { marks: "a route's heading", css: { none: 'a heading like any other' }, docx: { none: 'a heading like any other' } },
  'route-facts': { marks: "a route's stops by role", css: true, docx: { paragraphStyle: 'routeFacts' } },
  'route-role': { marks: 'the role label in a route fact (Origin, Transit, ...)', css: true, docx: { none: 'bold by its <strong>' } },
  'figure-callout': { marks: 'a number from the infographic', css: true, docx: { containerStyle: 'callout' } },
  'missing': { marks: 'a value the reference lost, in a draft', css: true, docx: { none: 'the handler of <mark> gives it the MissingValue character style' } },
  'lead': { marks: 'the opening paragraph of a part', css: true, docx: { paragraphStyle: 'lead' } },
  'challenge-points': { marks: "a challenge's points", css: { none: 'a list like any other' }, docx: { none: 'a Word list like any other' } },
  'theme': { marks: "a recommendation theme's heading", css: { none: 'a heading like any other' }, docx: { none: 'a heading like any other' } },
  'theme-subtitle': { marks: "a theme's subtitle", css: true, docx: { paragraphStyle: 'themeSubtitle' } },
  'keep-together': { marks: 'a block kept on one page in print (a heading with its map)', css: true, docx: { none: 'Word keeps a heading with the next paragraph by its style' } },
  'notes-author': { marks: "the author line of a brief's notes", css: true, docx: { none: 'a paragraph like any other' } },
  'notes': { marks: "a brief's hand-written notes", css: { none: 'ordinary paragraphs' }, docx: { none: 'ordinary paragraphs' } },
  'proposition': { marks: 'one proposition with who made it', css: true, docx: { containerStyle: 'proposition' } },
  'proposed-by': { marks: 'the line naming who made a proposition', css: true, docx: { paragraphStyle: 'proposedBy' } },
  'glossary': { marks: 'the glossary table', css: true, docx: { none: 'a table like any other' } },
  'section-title': { marks: "a section's first heading, from its title", css: true, docx: { none: 'a heading like any other' } },
  'map': { marks: 'a route map figure', css: { none: 'a figure like any other' }, docx: { none: 'a figure like any other (the handler of <figure>: image and caption)' } },
} as const satisfies Record<string, DocumentClass>

export type DocumentClassName = keyof typeof documentClasses

export const documentClassNames = Object.keys(documentClasses) as DocumentClassName[]

/** The classes that give their paragraphs (`paragraph`) or the paragraphs inside them (`container`) a DOCX style. */
export function docxStylesOfClasses(kind: 'paragraph' | 'container'): Array<[DocumentClassName, DocxStyleName]> {
  const field = kind === 'paragraph' ? 'paragraphStyle' : 'containerStyle'
  return Object.entries(documentClasses).flatMap(([name, entry]): Array<[DocumentClassName, DocxStyleName]> => {
    const docx = entry.docx as DocxTreatment
    return field in docx ? [[name as DocumentClassName, (docx as Record<string, DocxStyleName>)[field] as DocxStyleName]] : []
  })
}
