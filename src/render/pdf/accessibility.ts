/**
 * What PDF/UA-1 (ISO 14289-1) asks of a tagged PDF that Chromium's own tagging leaves out,
 * added after printing with pdf-lib. Each step names the Matterhorn Protocol checkpoints it
 * answers; `test/pdf-accessibility.outputs.test.ts` checks them on every built PDF.
 */
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFDocument,
  type PDFObject,
} from 'pdf-lib'
import { deflateSync } from 'node:zlib'
import type { Element } from 'hast'
import { toString } from 'hast-util-to-string'
import { visit } from 'unist-util-visit'
import { fillWords, type DocumentWords, type PublishedDocument } from '../../assemble/model.ts'
import { finishLines, readToUnicode, untagBreakHyphens, type FontText, type SequenceSplit } from './content-stream.ts'
import { decodeName } from './destinations.ts'
import { inflated } from './stream-bytes.ts'
import { escapeXml } from '../../text/xml.ts'

/**
 * What a link annotation's description says: the text its target shows, by element id,
 * and the document's words for links whose target has no text.
 */
export interface LinkTargets {
  byId: ReadonlyMap<string, string>
  words?: Pick<DocumentWords, 'emailLink' | 'pageLink' | 'sectionLink' | 'otherLink'>
}

/** The text of every element with an id in the document's sections (headings, mostly), for `LinkTargets`. */
export function linkTargets(document: PublishedDocument): LinkTargets {
  const targets = new Map<string, string>()
  for (const section of document.sections) {
    visit(section.tree, 'element', (node: Element) => {
      const id = node.properties.id
      if (typeof id === 'string' && id) targets.set(id, toString(node).replace(/\s+/g, ' ').trim())
    })
  }
  return { byId: targets, words: document.words }
}

/** Applies every step; `document` already carries its title, language and other properties. */
export function makeAccessible(document: PDFDocument, targets: LinkTargets = { byId: new Map() }): void {
  markArtifacts(document)
  // Walked once: the steps below change types and add list bodies, never which elements there were.
  const elements = structureElements(document)
  mapStructureTypes(document, elements)
  ungroupNestedFigures(document, elements)
  completeListItems(document, elements)
  describeLinks(document, targets)
  useStructureTabOrder(document)
  writeXmpMetadata(document)
}

/**
 * 01-005: content that is neither tagged nor an artifact. Chromium leaves page furniture
 * untagged. And the spaces where lines break, which Chromium leaves out of the tagged text
 * (`spaceLineEnds`), and the hyphens it adds where it breaks a word (`untagBreakHyphens`),
 * so the structure tree reads words as the page shows them.
 */
function markArtifacts(document: PDFDocument): void {
  const fontTexts = new Map<string, FontText>()
  for (const page of document.getPages()) {
    const fonts = pageFonts(document, page.node.Resources(), fontTexts)
    const parents = pageParents(document, page.node)
    let nextMcid = parents?.size() ?? 0
    const contents = page.node.get(PDFName.of('Contents'))
    const references = contents instanceof PDFArray ? contents.asArray() : [contents]
    for (const reference of references) {
      if (!(reference instanceof PDFRef)) continue
      const stream = document.context.lookup(reference)
      if (!(stream instanceof PDFRawStream)) continue
      const bytes = inflated(stream)
      const lines = finishLines(bytes, fonts)
      let marked = lines.bytes
      // Without the page's parent tree a sequence cannot be split: its hyphens stay tagged.
      if (parents) {
        const untagged = untagBreakHyphens(marked, fonts, nextMcid, lines.list)
        // All or none: a stream whose sequences the structure tree could not follow is left as it was.
        if (untagged.splits.every((split) => split.mcid >= nextMcid || contentOf(document, page.ref, parents, split.mcid) !== undefined)) {
          for (const split of untagged.splits) continueElement(document, page.ref, parents, split)
          marked = untagged.bytes
          nextMcid += untagged.splits.length
        }
      }
      // Node's own zlib: pdf-lib's JavaScript deflate took most of the finishing time.
      if (marked !== bytes) document.context.assign(reference, document.context.stream(deflateSync(marked), { Filter: 'FlateDecode' }))
    }
  }
}

/** The page's array of the parent tree: its structure elements by MCID. */
function pageParents(document: PDFDocument, page: PDFDict): PDFArray | undefined {
  const key = page.get(PDFName.of('StructParents'))
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const nums = root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict)?.lookupMaybe(PDFName.of('Nums'), PDFArray)
  if (!(key instanceof PDFNumber) || !nums) return undefined
  for (let index = 0; index + 1 < nums.size(); index += 2) {
    const number = nums.get(index)
    if (number instanceof PDFNumber && number.asNumber() === key.asNumber()) return nums.lookupMaybe(index + 1, PDFArray)
  }
  return undefined
}

/**
 * The structure element that holds MCID `mcid` of the page, and where among its kids: the
 * MCID as a number (its kids are on its own page) or a marked-content reference to the page
 * (as Chromium writes the kids of an element that runs over pages).
 */
function contentOf(document: PDFDocument, page: PDFRef, parents: PDFArray, mcid: number): { reference: PDFRef; element: PDFDict; at: number | undefined; mcr: boolean } | undefined {
  const reference = mcid < parents.size() ? parents.get(mcid) : undefined
  const element = reference instanceof PDFRef ? document.context.lookup(reference) : undefined
  if (!(reference instanceof PDFRef) || !(element instanceof PDFDict)) return undefined
  const ownPage = element.get(PDFName.of('Pg'))
  const isMcid = (kid: PDFObject | undefined) => {
    const value = kid instanceof PDFRef ? document.context.lookup(kid) : kid
    if (value instanceof PDFNumber) return value.asNumber() === mcid && ownPage instanceof PDFRef && ownPage === page
    if (!(value instanceof PDFDict)) return false
    const id = value.get(PDFName.of('MCID'))
    return id instanceof PDFNumber && id.asNumber() === mcid && value.get(PDFName.of('Pg')) === page && !value.has(PDFName.of('Stm'))
  }
  const kids = element.get(PDFName.of('K'))
  if (isMcid(kids)) return { reference, element, at: undefined, mcr: !(kids instanceof PDFNumber) }
  const at = kids instanceof PDFArray ? kids.asArray().findIndex(isMcid) : -1
  if (at < 0 || !(kids instanceof PDFArray)) return undefined
  return { reference, element, at, mcr: !(kids.get(at) instanceof PDFNumber) }
}

/**
 * Gives the structure element of MCID `split.mcid` its content's continuation, MCID
 * `split.continuedAs`, right after it (in the same form: a number, or a marked-content
 * reference to the page), and records it in the page's parent tree, whose next index the
 * continuation's MCID is.
 */
function continueElement(document: PDFDocument, page: PDFRef, parents: PDFArray, split: SequenceSplit): void {
  const found = contentOf(document, page, parents, split.mcid)
  if (!found) return
  const continuation = found.mcr ? document.context.obj({ Type: 'MCR', Pg: page, MCID: split.continuedAs }) : PDFNumber.of(split.continuedAs)
  const kids = found.element.get(PDFName.of('K'))
  if (found.at === undefined) found.element.set(PDFName.of('K'), document.context.obj([kids ?? PDFNumber.of(split.mcid), continuation]))
  else if (kids instanceof PDFArray) kids.insert(found.at + 1, continuation)
  parents.push(found.reference)
}

/** The ToUnicode map of each font of a page's resources, by resource name; read once per font of the document. */
function pageFonts(document: PDFDocument, resources: PDFDict | undefined, read: Map<string, FontText>): Map<string, FontText> {
  const fonts = new Map<string, FontText>()
  const dict = resources?.lookupMaybe(PDFName.of('Font'), PDFDict)
  for (const [name, reference] of dict?.entries() ?? []) {
    const key = reference.toString()
    let text = read.get(key)
    if (!text) {
      const font = document.context.lookup(reference)
      const cmap = font instanceof PDFDict ? font.lookup(PDFName.of('ToUnicode')) : undefined
      text = cmap instanceof PDFRawStream ? readToUnicode(new TextDecoder('latin1').decode(inflated(cmap))) : { textOf: new Map(), space: undefined }
      read.set(key, text)
    }
    fonts.set(name.toString(), text)
  }
  return fonts
}


/**
 * 02-001: Chromium writes PDF 2.0's Strong and Em, which PDF/UA-1 (on PDF 1.7) only knows
 * through the structure tree's RoleMap. Each maps to the PDF 1.7 type that holds it.
 */
const pdf2Types: Record<string, string> = { Strong: 'Span', Em: 'Span', Sub: 'Span', Title: 'P', FENote: 'Note', Aside: 'Div', DocumentFragment: 'Div' }

function mapStructureTypes(document: PDFDocument, elements: StructureElement[]): void {
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root) return
  const used = new Set(elements.map(({ element }) => typeOf(element)?.slice(1) ?? ''))
  const entries = Object.entries(pdf2Types).filter(([type]) => used.has(type))
  if (entries.length === 0) return
  const roleMap = root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) ?? document.context.obj({})
  for (const [type, standard] of entries) if (!roleMap.has(PDFName.of(type))) roleMap.set(PDFName.of(type), PDFName.of(standard))
  root.set(PDFName.of('RoleMap'), roleMap)
}

interface StructureElement {
  element: PDFDict
  ref: PDFRef | undefined
}

/** Every structure element, depth first, with its reference. */
function structureElements(document: PDFDocument): StructureElement[] {
  const result: StructureElement[] = []
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const walk = (object: PDFObject | undefined) => {
    const ref = object instanceof PDFRef ? object : undefined
    const value = ref ? document.context.lookup(ref) : object
    if (value instanceof PDFArray) {
      for (const kid of value.asArray()) walk(kid)
      return
    }
    if (!(value instanceof PDFDict) || !value.has(PDFName.of('S'))) return
    result.push({ element: value, ref })
    walk(value.get(PDFName.of('K')))
  }
  walk(root?.get(PDFName.of('K')))
  return result
}

const typeOf = (element: PDFDict) => element.get(PDFName.of('S'))?.toString()

const kidsOf = (element: PDFDict): PDFObject[] => {
  const kids = element.get(PDFName.of('K'))
  if (kids === undefined) return []
  return kids instanceof PDFArray ? kids.asArray() : [kids]
}

/**
 * 13-004: Chromium tags an HTML `<figure>` as a Figure around the picture's own Figure
 * (which has the alternative text) and its Caption; the outer one has no alternative text.
 * It is a grouping, so it becomes a Div.
 */
function ungroupNestedFigures(document: PDFDocument, elements: StructureElement[]): void {
  for (const { element } of elements) {
    if (typeOf(element) !== '/Figure' || element.has(PDFName.of('Alt')) || element.has(PDFName.of('ActualText'))) continue
    const hasFigure = kidsOf(element).some((kid) => {
      const value = document.context.lookup(kid)
      return value instanceof PDFDict && typeOf(value) === '/Figure'
    })
    if (hasFigure) element.set(PDFName.of('S'), PDFName.of('Div'))
  }
}

/**
 * Lists as L, LI, Lbl, LBody (ISO 32000-1, 14.8.4.3.3): Chromium puts a list item's
 * content straight into the LI. What is not its Lbl moves into a new LBody, and the parent
 * tree, which says which element owns each piece of marked content, follows it.
 */
function completeListItems(document: PDFDocument, elements: StructureElement[]): void {
  const moved = new Map<string, PDFRef>()
  for (const { element, ref } of elements) {
    if (typeOf(element) !== '/LI' || !ref) continue
    const kids = kidsOf(element)
    const isLabelOrBody = (kid: PDFObject) => {
      const value = document.context.lookup(kid)
      return value instanceof PDFDict && (typeOf(value) === '/Lbl' || typeOf(value) === '/LBody')
    }
    const bodyKids = kids.filter((kid) => !isLabelOrBody(kid))
    if (bodyKids.length === 0) continue
    const body = document.context.obj({ Type: 'StructElem', S: 'LBody', P: ref, K: document.context.obj(bodyKids) })
    const page = element.get(PDFName.of('Pg'))
    if (page) body.set(PDFName.of('Pg'), page)
    const bodyRef = document.context.register(body)
    for (const kid of bodyKids) {
      const value = document.context.lookup(kid)
      if (value instanceof PDFDict && value.has(PDFName.of('S'))) value.set(PDFName.of('P'), bodyRef)
    }
    // Marked content and annotations that the LI owned directly are now the LBody's.
    if (bodyKids.some((kid) => !(document.context.lookup(kid) instanceof PDFDict) || !(document.context.lookup(kid) as PDFDict).has(PDFName.of('S')))) moved.set(ref.toString(), bodyRef)
    element.set(PDFName.of('K'), document.context.obj([...kids.filter(isLabelOrBody), bodyRef]))
  }
  if (moved.size > 0) repointParentTree(document, moved)
}

function repointParentTree(document: PDFDocument, moved: ReadonlyMap<string, PDFRef>): void {
  const root = document.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  const replace = (object: PDFObject | undefined) => (object instanceof PDFRef ? moved.get(object.toString()) : undefined)
  const walk = (node: PDFDict | undefined) => {
    if (!node) return
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)
    if (nums) {
      for (let index = 1; index < nums.size(); index += 2) {
        const value = nums.get(index)
        const direct = replace(value)
        if (direct) nums.set(index, direct)
        const array = document.context.lookup(value)
        if (array instanceof PDFArray) {
          for (let entry = 0; entry < array.size(); entry++) {
            const next = replace(array.get(entry))
            if (next) array.set(entry, next)
          }
        }
      }
    }
    const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray)
    for (const kid of kids?.asArray() ?? []) walk(document.context.lookup(kid, PDFDict))
  }
  walk(root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict))
}

/** 28-012: every link annotation describes where it goes, in /Contents. */
function describeLinks(document: PDFDocument, targets: LinkTargets): void {
  const pageNumbers = new Map(document.getPages().map((page, index) => [page.ref.toString(), index + 1]))
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    for (const reference of annotations?.asArray() ?? []) {
      const annotation = document.context.lookup(reference)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue
      if (annotation.has(PDFName.of('Contents'))) continue
      annotation.set(PDFName.of('Contents'), PDFHexString.fromText(linkDescription(annotation, targets, pageNumbers)))
    }
  }
}

function linkDescription(annotation: PDFDict, targets: LinkTargets, pageNumbers: ReadonlyMap<string, number>): string {
  const action = annotation.lookupMaybe(PDFName.of('A'), PDFDict)
  const uri = action?.lookup(PDFName.of('URI'))
  if (uri instanceof PDFString || uri instanceof PDFHexString) {
    const address = uri.decodeText()
    return address.startsWith('mailto:') && targets.words ? fillWords(targets.words.emailLink, { address: address.slice('mailto:'.length) }) : address
  }
  const destination = action?.lookup(PDFName.of('D')) ?? annotation.lookup(PDFName.of('Dest'))
  const name =
    destination instanceof PDFString || destination instanceof PDFHexString
      ? destination.decodeText()
      : destination instanceof PDFName
        ? decodeName(destination.asString())
        : undefined
  const text = name === undefined ? undefined : targets.byId.get(name)
  if (text) return text
  if (destination instanceof PDFArray) {
    const page = pageNumbers.get(String(destination.get(0)))
    if (page !== undefined) return targets.words ? fillWords(targets.words.pageLink, { page }) : String(page)
  }
  const shown = name?.replace(/-/g, ' ')
  if (!targets.words) return shown ?? ''
  return shown ? fillWords(targets.words.sectionLink, { target: shown }) : targets.words.otherLink
}

/** 28-008, 28-009: a page with annotations visits them in the order of the structure tree. */
function useStructureTabOrder(document: PDFDocument): void {
  for (const page of document.getPages()) {
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (annotations && annotations.size() > 0) page.node.set(PDFName.of('Tabs'), PDFName.of('S'))
  }
}

/**
 * 06-001, 06-002, 06-003 (and 07-001, 07-002 with `setTitle(..., { showInWindowTitleBar })`):
 * an XMP metadata stream that identifies PDF/UA-1 and repeats the document information
 * dictionary, from which it is written so that the two always agree. Dates are the
 * document's own, so the bytes repeat.
 */
function writeXmpMetadata(document: PDFDocument): void {
  const created = document.getCreationDate()
  const modified = document.getModificationDate()
  const language = document.catalog.lookup(PDFName.of('Lang'))
  const languageText = language instanceof PDFString || language instanceof PDFHexString ? language.decodeText() : undefined
  const alternative = (value: string) => `<rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(value)}</rdf:li></rdf:Alt>`
  const title = document.getTitle()
  const author = document.getAuthor()
  const subject = document.getSubject()
  const keywords = document.getKeywords()
  const producer = document.getProducer()
  const creator = document.getCreator()
  const properties = [
    '<dc:format>application/pdf</dc:format>',
    title !== undefined ? `<dc:title>${alternative(title)}</dc:title>` : '',
    author !== undefined ? `<dc:creator><rdf:Seq><rdf:li>${escapeXml(author)}</rdf:li></rdf:Seq></dc:creator>` : '',
    subject !== undefined ? `<dc:description>${alternative(subject)}</dc:description>` : '',
    languageText ? `<dc:language><rdf:Bag><rdf:li>${escapeXml(languageText)}</rdf:li></rdf:Bag></dc:language>` : '',
    keywords !== undefined ? `<pdf:Keywords>${escapeXml(keywords)}</pdf:Keywords>` : '',
    producer !== undefined ? `<pdf:Producer>${escapeXml(producer)}</pdf:Producer>` : '',
    creator !== undefined ? `<xmp:CreatorTool>${escapeXml(creator)}</xmp:CreatorTool>` : '',
    created ? `<xmp:CreateDate>${xmpDate(created)}</xmp:CreateDate>` : '',
    modified ? `<xmp:ModifyDate>${xmpDate(modified)}</xmp:ModifyDate><xmp:MetadataDate>${xmpDate(modified)}</xmp:MetadataDate>` : '',
    '<pdfuaid:part>1</pdfuaid:part>',
  ].filter(Boolean)
  const packet = [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">',
    ...properties,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n')
  const stream = document.context.stream(new TextEncoder().encode(packet), { Type: 'Metadata', Subtype: 'XML' })
  document.catalog.set(PDFName.of('Metadata'), document.context.register(stream))
}

const xmpDate = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z')

