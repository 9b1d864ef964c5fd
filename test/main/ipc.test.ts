// registerIpc over the fake ipcMain: every channel registered, foreign senders refused before anything
// runs, progress forwarded to the sender.
import { describe, expect, it } from 'vitest'
import { pathToFileURL } from 'node:url'
import { CHANNELS, PROGRESS_CHANNEL } from '@shared/contract'
import { createHandlers } from '../../src/main/handlers'
import { FOREIGN_SENDER_ERROR, isTrustedSender, registerIpc } from '../../src/main/ipc'
import { createFakeElectron } from '../support/fake-electron'
import { allMocks, fakeDesk, fakeNative, lsProduct } from '../support/fake-desk'

const appUrl = pathToFileURL('/opt/license-desk/out/renderer/index.html').href

function setup() {
  const electron = createFakeElectron()
  const desk = fakeDesk()
  const native = fakeNative()
  const win = new electron.BrowserWindow({})
  void win.loadFile('/opt/license-desk/out/renderer/index.html')
  win.webContents.mainFrame.url = appUrl
  const own = new Set([win.webContents.id])
  registerIpc(electron.ipcMain as never, createHandlers(desk, native), {
    isOwnWebContents: (id) => own.has(id),
    appUrl: () => appUrl
  })
  const ownEvent = () => ({ sender: win.webContents, senderFrame: win.webContents.mainFrame })
  return { electron, desk, native, win, ownEvent }
}

describe('registerIpc', () => {
  it('registers a handler for every contract channel and nothing else', () => {
    const { electron } = setup()
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort())
  })

  it('answers our own window', async () => {
    const { electron, ownEvent } = setup()
    const r = await electron.ipcMain.invoke('status:get', ownEvent())
    expect(r).toMatchObject({ ok: true })
  })

  it('refuses foreign senders on every channel before anything runs', async () => {
    const { electron, desk, native, win } = setup()
    const other = new electron.BrowserWindow({})
    other.webContents.mainFrame.url = appUrl // same page, but not a window we created
    const sub = new electron.__FakeWebFrameMain(appUrl)
    sub.parent = win.webContents.mainFrame
    const foreign = [
      { sender: other.webContents, senderFrame: other.webContents.mainFrame },
      { sender: win.webContents, senderFrame: sub }, // a subframe of our window
      { sender: win.webContents, senderFrame: null }, // frame gone
      { sender: win.webContents, senderFrame: new electron.__FakeWebFrameMain('https://evil.example/') },
      { sender: win.webContents, senderFrame: new electron.__FakeWebFrameMain('file:///tmp/evil.html') },
      { sender: win.webContents, senderFrame: new electron.__FakeWebFrameMain('file:///opt/license-desk/out/renderer/other.html') },
      { sender: win.webContents, senderFrame: new electron.__FakeWebFrameMain('http://127.0.0.1:4370/offline') }
    ]
    for (const channel of CHANNELS) {
      for (const event of foreign) {
        const r = await electron.ipcMain.invoke(channel, event, { productId: 'studio', operationId: 'op' })
        expect(r).toEqual({ ok: false, error: FOREIGN_SENDER_ERROR })
      }
    }
    for (const { name, fn } of [...allMocks(desk), ...allMocks(native)]) expect(fn, name).not.toHaveBeenCalled()
  })

  it('refuses extra arguments', async () => {
    const { electron, ownEvent, desk } = setup()
    const r = await electron.ipcMain.invoke('status:get', ownEvent(), undefined, 'extra')
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(desk.status).not.toHaveBeenCalled()
  })

  it('validates input and never throws across the boundary', async () => {
    const { electron, ownEvent, desk } = setup()
    for (const channel of CHANNELS) {
      const r = (await electron.ipcMain.invoke(channel, ownEvent(), { bogus: true })) as { ok: boolean; error?: { code: string } }
      expect(r.ok, channel).toBe(false)
      expect(r.error?.code).toBe('invalid_input')
    }
    expect(desk.status).not.toHaveBeenCalled()
  })

  it('sends progress events to the sender on the progress channel', async () => {
    const { electron, ownEvent, desk, win } = setup()
    desk.deactivateOnline.mockImplementationOnce(async (_p, opts) => {
      opts?.onProgress?.({ step: 'contacting', attempt: 1 })
      opts?.onProgress?.({ step: 'done' })
      return { product: lsProduct, alreadyReleased: false }
    })
    const r = await electron.ipcMain.invoke('deactivate:online', ownEvent(), { productId: 'studio', operationId: 'op-7' })
    expect(r).toMatchObject({ ok: true })
    expect(win.webContents.sent).toEqual([
      { channel: PROGRESS_CHANNEL, args: [{ step: 'contacting', attempt: 1, operationId: 'op-7' }] },
      { channel: PROGRESS_CHANNEL, args: [{ step: 'done', operationId: 'op-7' }] }
    ])
  })

  it('isTrustedSender accepts the dev server origin in development', () => {
    const policy = { isOwnWebContents: () => true, appUrl: () => 'http://localhost:5173/' }
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url: 'http://localhost:5173/#/step', parent: null } }, policy)).toBe(true)
    expect(isTrustedSender({ sender: { id: 1 }, senderFrame: { url: 'http://localhost:5174/', parent: null } }, policy)).toBe(false)
  })
})
