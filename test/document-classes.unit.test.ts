/**
 * The registry of the document's classes is the one place a class is declared: every
 * class the documents carry is in it, the sanitiser allows exactly its classes, and each
 * has its CSS rule and its DOCX treatment.
 */
import fs from 'node:fs/promises'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { visit } from 'unist-util-visit'
import { projectRoot } from '../src/brand/brand.ts'
import { loadContent } from '../src/content/load.ts'
import { assembleDocuments } from '../src/assemble/index.ts'
import { createEvent } from '../src/content/event.ts'
import { documentClasses, documentClassNames, type DocxTreatment } from '../src/transform/document-classes.ts'
import { sanitizeSchema } from '../src/transform/sanitize-schema.ts'
import { styleIds } from '../src/render/docx/styles.ts'
import { classHandlers } from '../src/render/docx/handlers/index.ts'

describe('the registry of document classes', () => {
  it('has a CSS rule for every class it says the stylesheet styles', async () => {
    const css = await fs.readFile(path.join(projectRoot, 'styles', 'document.css'), 'utf8')
    const selectors = new Set(css.match(/\.[a-z][a-z0-9-]*/g) ?? [])
    const unstyled = documentClassNames.filter((name) => documentClasses[name].css === true && !selectors.has(`.${name}`))
    expect(unstyled).toEqual([])
  })

  it('names a defined DOCX style for every class it gives one', () => {
    for (const name of documentClassNames) {
      const docx: DocxTreatment = documentClasses[name].docx
      const style = 'paragraphStyle' in docx ? docx.paragraphStyle : 'containerStyle' in docx ? docx.containerStyle : undefined
      if (style !== undefined) expect(styleIds, `${name} → ${style}`).toHaveProperty(style)
      else expect(Object.values(docx)[0], name).toMatch(/\w/)
    }
  })

  it('has a DOCX class handler for every class it says has one, and says so of every class handler', () => {
    const declared = documentClassNames.filter((name) => 'handler' in documentClasses[name].docx)
    expect(declared.length).toBeGreaterThan(0)
    expect(Object.keys(classHandlers).sort()).toEqual([...declared].sort())
  })

  it('is what the sanitiser allows', () => {
    const rule = sanitizeSchema.attributes?.['*']?.find((entry) => Array.isArray(entry) && entry[0] === 'className')
    expect(Array.isArray(rule) ? [...rule.slice(1)].sort() : []).toEqual([...documentClassNames].sort())
  })

  it('holds every class that the assembled report and briefs carry', async () => {
    const content = await loadContent(path.join(projectRoot, 'source'))
    const documents = await assembleDocuments(createEvent(content), { mode: 'draft', report: true, briefs: 'all' })
    const seen = new Set<string>()
    for (const document of documents) {
      for (const section of document.sections) {
        visit(section.tree, 'element', (node) => {
          const className = node.properties.className
          if (Array.isArray(className)) for (const name of className) seen.add(String(name))
        })
      }
    }
    expect([...seen].filter((name) => !(name in documentClasses))).toEqual([])
    // The documents show most of the registry; a class nothing uses any more should leave it.
    expect(seen.size).toBeGreaterThan(documentClassNames.length / 2)
  }, 60_000)
})
