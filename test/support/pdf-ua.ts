/**
 * The machine-checkable conditions of PDF/UA-1 (ISO 14289-1) that apply to these documents,
 * read from the catalogue, the structure tree, the annotations, the fonts and the page
 * content of a PDF with pdf-lib. Each failure is named by its Matterhorn Protocol 1.1
 * checkpoint, so that it can be looked up. This is not veraPDF, which cannot be installed
 * from the registries this project uses; it checks what these documents could get wrong.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib'
import { untaggedOperators } from '../../src/render/pdf/content-stream.ts'

/** The standard structure types of ISO 32000-1, 14.8.4: anything else needs a RoleMap entry. */
const standardTypes = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody ' +
    'Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
)

const text = (object: PDFObject | undefined) => (object instanceof PDFString || object instanceof PDFHexString ? object.decodeText() : undefined)

export async function pdfUaFailures(bytes: Uint8Array): Promise<string[]> {
  const document = await PDFDocument.load(bytes, { updateMetadata: false })
  const { catalog, context } = document
  const failures: string[] = []
  const fail = (checkpoint: string, message: string) => failures.push(`${checkpoint}: ${message}`)

  // 06: metadata.
  const metadataObject = catalog.lookup(PDFName.of('Metadata'))
  const metadata = metadataObject instanceof PDFRawStream ? metadataObject : undefined
  if (!metadata) fail('06-001', 'the document has no XMP metadata stream')
  else {
    const xmp = new TextDecoder().decode(decodePDFRawStream(metadata).decode())
    if (!/<pdfuaid:part>1<\/pdfuaid:part>|pdfuaid:part="1"/.test(xmp)) fail('06-002', 'the XMP metadata has no PDF/UA identifier (pdfuaid:part 1)')
    const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(xmp)?.[1]
    if (!title) fail('06-003', 'the XMP metadata has no dc:title')
    const unescape = (value: string | undefined) => value?.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&')
    const inStep: Array<[string, string | undefined, string | undefined]> = [
      ['Title', document.getTitle(), unescape(title)],
      ['Author', document.getAuthor(), unescape(/<dc:creator>\s*<rdf:Seq>\s*<rdf:li>([^<]*)</.exec(xmp)?.[1])],
      ['Subject', document.getSubject(), unescape(/<dc:description>\s*<rdf:Alt>\s*<rdf:li[^>]*>([^<]*)</.exec(xmp)?.[1])],
      ['Keywords', document.getKeywords(), unescape(/<pdf:Keywords>([^<]*)</.exec(xmp)?.[1])],
      ['Producer', document.getProducer(), unescape(/<pdf:Producer>([^<]*)</.exec(xmp)?.[1])],
      ['Creator', document.getCreator(), unescape(/<xmp:CreatorTool>([^<]*)</.exec(xmp)?.[1])],
      ['CreationDate', document.getCreationDate()?.toISOString().replace(/\.\d+Z$/, 'Z'), /<xmp:CreateDate>([^<]*)</.exec(xmp)?.[1]],
      ['ModDate', document.getModificationDate()?.toISOString().replace(/\.\d+Z$/, 'Z'), /<xmp:ModifyDate>([^<]*)</.exec(xmp)?.[1]],
    ]
    for (const [key, info, inXmp] of inStep) {
      if (info !== inXmp) fail('06-003', `the document information's ${key} (${JSON.stringify(info)}) and the XMP metadata's (${JSON.stringify(inXmp)}) differ`)
    }
  }
  if (!document.getTitle()) fail('06-003', 'the document has no title')

  // 07: the viewer shows the title.
  const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict)
  const displayTitle = preferences?.lookup(PDFName.of('DisplayDocTitle'))
  if (displayTitle === undefined) fail('07-001', 'ViewerPreferences has no DisplayDocTitle')
  else if (displayTitle !== PDFBool.True) fail('07-002', 'DisplayDocTitle is not true')

  // 01: tagged.
  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict)
  if (markInfo?.lookup(PDFName.of('Marked')) !== PDFBool.True) fail('01-002', 'MarkInfo /Marked is not true')
  const root = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict)
  if (!root) fail('01-003', 'the document has no structure tree')

  // 11: natural language.
  if (!text(catalog.lookup(PDFName.of('Lang')))) fail('11-006', 'the catalogue has no /Lang')

  // The structure tree.
  const roleMap = root?.lookupMaybe(PDFName.of('RoleMap'), PDFDict)
  const elements: Array<{ element: PDFDict; ref: PDFRef | undefined; type: string; parentType: string }> = []
  const walk = (object: PDFObject | undefined, parentType: string) => {
    const ref = object instanceof PDFRef ? object : undefined
    const value = ref ? context.lookup(ref) : object
    if (value instanceof PDFArray) {
      for (const kid of value.asArray()) walk(kid, parentType)
      return
    }
    if (!(value instanceof PDFDict) || !value.has(PDFName.of('S'))) return
    const type = value.get(PDFName.of('S'))!.toString().slice(1)
    elements.push({ element: value, ref, type, parentType })
    walk(value.get(PDFName.of('K')), type)
  }
  walk(root?.get(PDFName.of('K')), 'StructTreeRoot')
  const typeOfKid = (kid: PDFObject) => {
    const value = context.lookup(kid)
    return value instanceof PDFDict && value.has(PDFName.of('S')) ? value.get(PDFName.of('S'))!.toString().slice(1) : undefined
  }
  const kidsOf = (element: PDFDict) => {
    const kids = element.get(PDFName.of('K'))
    return kids === undefined ? [] : kids instanceof PDFArray ? kids.asArray() : [kids]
  }

  let previousHeading = 0
  for (const { element, type, parentType } of elements) {
    if (!standardTypes.has(type) && !roleMap?.has(PDFName.of(type))) fail('02-001', `structure type ${type} is neither standard nor role-mapped`)
    if (type === 'Figure' && !text(element.lookup(PDFName.of('Alt'))) && !text(element.lookup(PDFName.of('ActualText')))) {
      fail('13-004', 'a Figure has no alternative text')
    }
    const level = /^H([1-6])$/.exec(type)?.[1]
    if (level) {
      const number = Number(level)
      if (previousHeading === 0 && number !== 1) fail('14-002', `the first heading is H${number}, not H1`)
      else if (number > previousHeading + 1) fail('14-003', `H${number} follows H${previousHeading}: a heading level is skipped`)
      previousHeading = number
    }
    if (type === 'TH') {
      const attributes = element.lookup(PDFName.of('A'))
      const list = attributes instanceof PDFArray ? attributes.asArray().map((entry) => context.lookup(entry)) : [attributes]
      const scope = list.some((entry) => entry instanceof PDFDict && entry.has(PDFName.of('Scope')))
      if (!scope) fail('15-003', 'a TH cell has no Scope attribute')
    }
    if (type === 'TR' && !['Table', 'THead', 'TBody', 'TFoot'].includes(parentType)) fail('09-004', `a TR sits in ${parentType}, not in a table`)
    if ((type === 'TH' || type === 'TD') && parentType !== 'TR') fail('09-004', `a ${type} sits in ${parentType}, not in a TR`)
    if (type === 'L') {
      const wrong = kidsOf(element).map(typeOfKid).filter((kid) => kid !== 'LI' && kid !== 'L' && kid !== 'Caption')
      if (wrong.length > 0) fail('16-001', `a list (L) holds ${wrong.join(', ')} beside its LI elements`)
    }
    if (type === 'LI') {
      const kids = kidsOf(element).map(typeOfKid)
      if (kids.some((kid) => kid !== 'Lbl' && kid !== 'LBody')) fail('16-003', `a list item (LI) holds ${kids.map((kid) => kid ?? 'content').join(', ')}, not only Lbl and LBody`)
    }
    if ((type === 'LI' && parentType !== 'L') || (type === 'LBody' && parentType !== 'LI')) {
      fail('16-001', `a ${type} sits in ${parentType}`)
    }
  }

  // The parent tree: which structure element owns each annotation (by its StructParent).
  const parents = new Map<number, PDFObject>()
  const walkNumbers = (node: PDFDict | undefined) => {
    if (!node) return
    const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray)
    for (let index = 0; nums && index + 1 < nums.size(); index += 2) parents.set((nums.get(index) as PDFNumber).asNumber(), nums.get(index + 1))
    for (const kid of node.lookupMaybe(PDFName.of('Kids'), PDFArray)?.asArray() ?? []) walkNumbers(context.lookup(kid, PDFDict))
  }
  walkNumbers(root?.lookupMaybe(PDFName.of('ParentTree'), PDFDict))

  // 28: annotations; 01-005: untagged content.
  document.getPages().forEach((page, index) => {
    const number = index + 1
    const annotations = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray)
    if (annotations && annotations.size() > 0) {
      const tabs = page.node.get(PDFName.of('Tabs'))
      if (tabs === undefined) fail('28-008', `page ${number} has annotations and no /Tabs`)
      else if (tabs.toString() !== '/S') fail('28-009', `page ${number} has /Tabs ${tabs.toString()}, not /S`)
    }
    for (const reference of annotations?.asArray() ?? []) {
      const annotation = context.lookup(reference)
      if (!(annotation instanceof PDFDict) || annotation.get(PDFName.of('Subtype'))?.toString() !== '/Link') continue
      if (!text(annotation.lookup(PDFName.of('Contents')))?.trim()) fail('28-012', `a link on page ${number} has no /Contents`)
      const structParent = annotation.lookup(PDFName.of('StructParent'))
      const owner = structParent instanceof PDFNumber ? context.lookup(parents.get(structParent.asNumber())) : undefined
      const ownerType = owner instanceof PDFDict ? owner.get(PDFName.of('S'))?.toString() : undefined
      const hasObjectReference =
        owner instanceof PDFDict &&
        kidsOf(owner).some((kid) => {
          const value = context.lookup(kid)
          return value instanceof PDFDict && value.get(PDFName.of('Obj'))?.toString() === reference.toString()
        })
      if (ownerType !== '/Link' || !hasObjectReference) fail('28-011', `a link on page ${number} is not inside a Link structure element`)
    }
    const contents = page.node.get(PDFName.of('Contents'))
    for (const streamRef of contents instanceof PDFArray ? contents.asArray() : [contents]) {
      const stream = context.lookup(streamRef)
      if (!(stream instanceof PDFRawStream)) continue
      const untagged = untaggedOperators(decodePDFRawStream(stream).decode())
      if (untagged.length > 0) fail('01-005', `page ${number} has content neither tagged nor an artifact (${[...new Set(untagged)].join(', ')})`)
    }
  })

  // 31: fonts.
  for (const [, object] of context.enumerateIndirectObjects()) {
    const dict = object instanceof PDFDict ? object : object instanceof PDFRawStream ? object.dict : undefined
    if (!dict || dict.get(PDFName.of('Type'))?.toString() !== '/Font') continue
    const subtype = dict.get(PDFName.of('Subtype'))?.toString()
    if (subtype === '/Type3') {
      fail('31 (project rule)', 'a Type 3 font: glyphs drawn as procedures, with no font program a reader can use')
      continue
    }
    if (subtype === '/CIDFontType0' || subtype === '/CIDFontType2') continue // seen through their Type 0 parent
    const descendants = dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)
    const font = descendants ? descendants.lookup(0, PDFDict) : dict
    const descriptor = font.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
    const embedded = Boolean(descriptor && ['FontFile', 'FontFile2', 'FontFile3'].some((key) => descriptor.has(PDFName.of(key))))
    if (!embedded) fail('31-008', `font ${String(dict.get(PDFName.of('BaseFont')))} is not embedded`)
    if (!dict.has(PDFName.of('ToUnicode'))) fail('31-027', `font ${String(dict.get(PDFName.of('BaseFont')))} has no ToUnicode map`)
  }
  return [...new Set(failures)]
}
