import { describe, expect, it, vi } from 'vitest'
import { CHANNELS, type ProgressEvent } from '@shared/contract'
import { isErrorInfo } from '@shared/errors'
import { createHandlers } from '../../src/main/handlers'
import { appInfo, dvcRecord, fakeDesk, fakeNative, fileRecord, lsProduct } from '../support/fake-desk'

function setup(external?: { hosts: string[]; allowLoopbackHttp?: boolean }) {
  const desk = fakeDesk()
  const native = fakeNative()
  const handlers = createHandlers(desk, native, external ? { external } : {})
  const progress: ProgressEvent[] = []
  const ctx = { sendProgress: (e: ProgressEvent) => progress.push(e) }
  return { desk, native, handlers, progress, ctx }
}

describe('createHandlers', () => {
  it('has exactly one handler per contract channel', () => {
    const { handlers } = setup()
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort())
  })

  it('app:info, status:get, history:list, diagnostics:get', async () => {
    const { handlers, ctx, desk } = setup()
    expect(await handlers['app:info'](undefined, ctx)).toEqual({ ok: true, value: appInfo })
    const status = await handlers['status:get'](undefined, ctx)
    expect(status.ok && status.value.products.map((p) => p.id)).toEqual(['studio', 'cad'])
    expect(await handlers['history:list'](undefined, ctx)).toEqual({ ok: true, value: [fileRecord, dvcRecord] })
    expect(await handlers['diagnostics:get'](undefined, ctx)).toEqual({ ok: true, value: { text: 'diagnostics text' } })
    expect(desk.diagnostics.mock.calls[0][0]).toMatchObject({ 'version.electron': '45.5.0' })
  })

  it('activate:online passes the identity, a signal and forwards progress with the operation id', async () => {
    const { handlers, ctx, desk, progress } = setup()
    desk.activateOnline.mockImplementationOnce(async (_p, _i, opts) => {
      opts?.onProgress?.({ step: 'contacting', attempt: 1 })
      expect(opts?.signal).toBeInstanceOf(AbortSignal)
      return { product: lsProduct }
    })
    const r = await handlers['activate:online']({ productId: 'studio', operationId: 'op1', licenseKey: '  DEMO-KEY  ' }, ctx)
    expect(r.ok).toBe(true)
    expect(desk.activateOnline.mock.calls[0][1]).toEqual({ licenseKey: 'DEMO-KEY' })
    expect(progress).toEqual([{ step: 'contacting', attempt: 1, operationId: 'op1' }])
    await handlers['activate:online']({ productId: 'cloud', operationId: 'op2', username: 'u@x', password: 'pw' }, ctx)
    expect(desk.activateOnline.mock.calls[1][1]).toEqual({ username: 'u@x', password: 'pw' })
  })

  it('operation:cancel aborts a running operation and the result is cancelled', async () => {
    const { handlers, ctx, desk } = setup()
    let started!: () => void
    const running = new Promise<void>((r) => (started = r))
    desk.deactivateOnline.mockImplementationOnce(
      (_p, opts) =>
        new Promise((_resolve, reject) => {
          started()
          opts?.signal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' })))
        })
    )
    const pending = handlers['deactivate:online']({ productId: 'studio', operationId: 'op-x' }, ctx)
    await running
    // a second operation with the same id is refused while the first runs
    const dup = await handlers['deactivate:online']({ productId: 'studio', operationId: 'op-x' }, ctx)
    expect(dup.ok === false && dup.error.code).toBe('invalid_input')
    expect(await handlers['operation:cancel']({ operationId: 'op-x' }, ctx)).toEqual({ ok: true, value: { cancelled: true } })
    const r = await pending
    expect(r.ok === false && r.error.code).toBe('cancelled')
    expect(await handlers['operation:cancel']({ operationId: 'op-x' }, ctx)).toEqual({ ok: true, value: { cancelled: false } })
  })

  it('deactivate:offline for LicenseSpring asks where to save, with the profile file name', async () => {
    const { handlers, ctx, desk, native } = setup()
    const r = await handlers['deactivate:offline']({ productId: 'studio', operationId: 'op3' }, ctx)
    expect(desk.offlineFileName).toHaveBeenCalledWith('studio', 'deactivation')
    expect(native.showSaveDialog).toHaveBeenCalledWith('ls_deactivation.req')
    expect(desk.deactivateOffline.mock.calls[0].slice(0, 2)).toEqual(['studio', '/tmp/fake-home/Desktop/ls_deactivation.req'])
    expect(r).toMatchObject({ ok: true, value: { cancelled: false, record: { kind: 'licensespring-file' } } })
  })

  it('deactivate:offline cancelled in the dialog changes nothing', async () => {
    const { handlers, ctx, desk, native } = setup()
    native.showSaveDialog.mockResolvedValueOnce(undefined)
    expect(await handlers['deactivate:offline']({ productId: 'studio', operationId: 'op4' }, ctx)).toEqual({ ok: true, value: { cancelled: true } })
    expect(desk.deactivateOffline).not.toHaveBeenCalled()
  })

  it('deactivate:offline for QLM computes the DVC without a dialog', async () => {
    const { handlers, ctx, desk, native } = setup()
    const r = await handlers['deactivate:offline']({ productId: 'cad', operationId: 'op5' }, ctx)
    expect(native.showSaveDialog).not.toHaveBeenCalled()
    expect(desk.deactivateOffline.mock.calls[0].slice(0, 2)).toEqual(['cad', undefined])
    expect(r).toEqual({ ok: true, value: { cancelled: false, record: dvcRecord } })
  })

  it('deactivate:offline for an unknown product is a typed error', async () => {
    const { handlers, ctx, desk } = setup()
    const r = await handlers['deactivate:offline']({ productId: 'nope', operationId: 'op6' }, ctx)
    expect(r.ok === false && r.error.code).toBe('product_unknown')
    expect(desk.deactivateOffline).not.toHaveBeenCalled()
  })

  it('activate:offline:request saves through the dialog; import reads a chosen file or given content', async () => {
    const { handlers, ctx, desk, native } = setup()
    const r = await handlers['activate:offline:request']({ productId: 'studio', licenseKey: 'K-1' }, ctx)
    expect(native.showSaveDialog).toHaveBeenCalledWith('ls_activation.req')
    expect(r).toMatchObject({ ok: true, value: { cancelled: false, filePath: '/tmp/fake-home/Desktop/ls_activation.req' } })
    expect(desk.createOfflineActivationRequest.mock.calls[0][1]).toEqual({ licenseKey: 'K-1' })

    await handlers['activate:offline:import']({ productId: 'studio' }, ctx)
    expect(native.showOpenDialog).toHaveBeenCalled()
    expect(desk.importOfflineActivation).toHaveBeenCalledWith('studio', '{"license":"content"}')
    await handlers['activate:offline:import']({ productId: 'studio', content: 'LIC' }, ctx)
    expect(desk.importOfflineActivation).toHaveBeenLastCalledWith('studio', 'LIC')
    native.showOpenDialog.mockResolvedValueOnce(undefined)
    expect(await handlers['activate:offline:import']({ productId: 'studio' }, ctx)).toEqual({ ok: true, value: { cancelled: true } })
  })

  it('QLM activation channels', async () => {
    const { handlers, ctx, desk } = setup()
    expect(await handlers['activate:qlm:url']({ productId: 'cad', activationKey: 'AK' }, ctx)).toMatchObject({ ok: true })
    await handlers['activate:qlm:computer-key']({ productId: 'cad', activationKey: 'AK', computerKey: 'CK' }, ctx)
    expect(desk.activateQlmWithComputerKey).toHaveBeenCalledWith('cad', 'AK', 'CK')
  })

  it('shell:show-in-folder reveals only a saved file from the history', async () => {
    const { handlers, ctx, native } = setup()
    expect(await handlers['shell:show-in-folder']({ recordId: 'rec-1' }, ctx)).toEqual({ ok: true, value: null })
    expect(native.showItemInFolder).toHaveBeenCalledWith(fileRecord.filePath)
    for (const recordId of ['rec-2', 'missing', '../../etc/passwd']) {
      const r = await handlers['shell:show-in-folder']({ recordId }, ctx)
      expect(r.ok === false && r.error.code).toBe('invalid_input')
    }
    expect(native.showItemInFolder).toHaveBeenCalledTimes(1)
  })

  it('shell:open-external opens only the vendor hosts (explicit policy)', async () => {
    const { handlers, ctx, native } = setup({ hosts: ['vendor.example'] })
    expect(await handlers['shell:open-external']({ url: 'https://vendor.example/help' }, ctx)).toEqual({ ok: true, value: null })
    expect(native.openExternal).toHaveBeenCalledWith('https://vendor.example/help')
    for (const url of ['https://evil.example/', 'javascript:alert(1)', 'file:///etc/passwd', 'https://vendor.example@evil.example/']) {
      const r = await handlers['shell:open-external']({ url }, ctx)
      expect(r.ok === false && r.error.code).toBe('invalid_input')
    }
    expect(native.openExternal).toHaveBeenCalledTimes(1)
  })

  it('shell:open-external default policy: support URL/e-mail, portal and self-help hosts', async () => {
    const { handlers, ctx, native } = setup()
    for (const url of [
      'https://vendor.example/support',
      'mailto:support@vendor.example?subject=Hi',
      'https://portal.vendor.example/offline',
      'https://qlm.vendor.example/QlmReleaseLicense.aspx?code=1'
    ]) {
      expect(await handlers['shell:open-external']({ url }, ctx)).toEqual({ ok: true, value: null })
    }
    expect(native.openExternal).toHaveBeenCalledTimes(4)
    const r = await handlers['shell:open-external']({ url: 'http://127.0.0.1:4370/' }, ctx)
    expect(r.ok).toBe(false)
  })

  it('clipboard:write writes the text', async () => {
    const { handlers, ctx, native } = setup()
    expect(await handlers['clipboard:write']({ text: 'DVC-123' }, ctx)).toEqual({ ok: true, value: null })
    expect(native.writeClipboard).toHaveBeenCalledWith('DVC-123')
  })

  it('maps core errors through and hides unknown ones', async () => {
    const { handlers, ctx, desk } = setup()
    const info = { code: 'network_timeout', message: 'timed out', retryable: true, nextStep: 'retry' }
    desk.deactivateOnline.mockRejectedValueOnce(Object.assign(new Error('timed out'), { info }))
    expect(await handlers['deactivate:online']({ productId: 'studio', operationId: 'o' }, ctx)).toEqual({ ok: false, error: info })
    desk.status.mockRejectedValueOnce(new Error('secret /home/u/key sharedKey=abc'))
    const r = await handlers['status:get'](undefined, ctx)
    expect(r.ok).toBe(false)
    if (!r.ok) {
      expect(isErrorInfo(r.error)).toBe(true)
      expect(r.error.code).toBe('internal')
      expect(r.error.message).not.toMatch(/sharedKey|home/)
    }
    desk.history.mockImplementationOnce(() => {
      throw 'a string'
    })
    const h = await handlers['history:list'](undefined, ctx)
    expect(h.ok === false && h.error.code).toBe('internal')
  })

  it('a progress sender that throws does not break the operation', async () => {
    const { handlers, desk } = setup()
    desk.deactivateOnline.mockImplementationOnce(async (_p, opts) => {
      opts?.onProgress?.({ step: 'contacting' })
      return { product: lsProduct, alreadyReleased: false }
    })
    const r = await handlers['deactivate:online'](
      { productId: 'studio', operationId: 'o9' },
      {
        sendProgress: vi.fn(() => {
          throw new Error('window gone')
        })
      }
    )
    expect(r.ok).toBe(true)
  })
})
