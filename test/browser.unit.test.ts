/**
 * The launcher starts Chromium itself, before Puppeteer is loaded, with the arguments
 * Puppeteer's `launch` would give it: these shape the PDF (tagged, with an outline, in sRGB),
 * so an upgrade of Puppeteer that changes them must fail here, not print differently.
 */
import puppeteer from 'puppeteer-core'
import { describe, expect, it } from 'vitest'
import { chromiumArguments, ownArguments } from '../src/render/pdf/browser.ts'

describe('Chromium arguments', () => {
  for (const sandbox of [true, false]) {
    it(`are Puppeteer's own for launch({ headless: true, pipe: true }), then ours (sandbox ${sandbox ? 'on' : 'off'})`, () => {
      const profile = '/tmp/puppeteer_dev_chrome_profile-test'
      const expected = [...puppeteer.defaultArgs({ headless: true, args: ownArguments(sandbox) }), '--remote-debugging-pipe', `--user-data-dir=${profile}`]
      expect(chromiumArguments(profile, sandbox)).toEqual(expected)
    })
  }
})
