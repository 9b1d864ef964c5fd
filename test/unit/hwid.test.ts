import { execSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { machineIdSync } from 'node-machine-id'
import { afterAll, describe, expect, it } from 'vitest'
import { createHardwareIdProvider, EMPTY_SHA256, LINUX_MACHINE_ID_FILES } from '@core/hwid'
import { ROOT, rejection, removeTempDirs, run, tempDir } from '../support/tools'

afterAll(() => removeTempDirs())

const sha256sum = (s: string) => run('sha256sum', [], Buffer.from(s, 'utf8')).toString().split(' ')[0]!

describe('hardware id provider', () => {
  it('hashes the raw OS id with sha256 (cross-checked with sha256sum) and names the source', async () => {
    const raw = '4c4c4544004e3510804ec2c04f4a3732'
    const p = createHardwareIdProvider({
      machineId: async (original) => (original ? `${raw}\n` : 'unused'),
      platform: 'linux',
      hostname: () => 'box',
      readFile: (path) => (path === '/etc/machine-id' ? `${raw}\n` : undefined)
    })
    const info = await p.get()
    expect(info.id).toBe(sha256sum(raw))
    expect(info.id).toMatch(/^[0-9a-f]{64}$/)
    expect(info.source).toBe('linux:/etc/machine-id')
  })

  it('prefers the dbus machine id file as the source when it holds the id', async () => {
    const p = createHardwareIdProvider({ machineId: async () => 'abc', platform: 'linux', hostname: () => 'h', readFile: () => 'ABC\n' })
    expect((await p.get()).source).toBe('linux:/var/lib/dbus/machine-id')
  })

  it.each([
    ['win32', 'windows:MachineGuid'],
    ['darwin', 'macos:IOPlatformUUID'],
    ['freebsd', 'freebsd:machine-id']
  ] as const)('names the source on %s', async (platform, source) => {
    const p = createHardwareIdProvider({ machineId: async () => 'id-1', platform, hostname: () => 'h' })
    expect(await p.get()).toEqual({ id: sha256sum('id-1'), source })
  })

  it.each([[''], ['   \n'], ['\n']])('an empty machine id (%j) -> hwid_empty', async (raw) => {
    const p = createHardwareIdProvider({ machineId: async () => raw, platform: 'linux', hostname: () => 'h', readFile: () => undefined })
    const e = await rejection(p.get())
    expect(e.code).toBe('hwid_empty')
    expect(sha256sum('')).toBe(EMPTY_SHA256)
  })

  it('the hostname fallback -> hwid_fallback', async () => {
    // node-machine-id falls back to `hostname`, lower-cased, whitespace removed.
    const p = createHardwareIdProvider({ machineId: async () => 'my-laptop', platform: 'linux', hostname: () => 'My-Laptop', readFile: () => undefined })
    const e = await rejection(p.get())
    expect(e.code).toBe('hwid_fallback')
  })

  it('a machine id that merely differs from the hostname is fine', async () => {
    const p = createHardwareIdProvider({ machineId: async () => 'abcdef', platform: 'linux', hostname: () => 'abcdefg', readFile: () => undefined })
    expect((await p.get()).id).toBe(sha256sum('abcdef'))
  })

  it.each([
    ['win32', /REG\.exe/],
    ['darwin', /ioreg/],
    ['linux', /could not be read/]
  ] as const)('a throwing machineId on %s -> hwid_unavailable', async (platform, msg) => {
    const p = createHardwareIdProvider({
      machineId: async () => {
        throw new Error('Command failed: REG QUERY ...')
      },
      platform,
      hostname: () => 'h'
    })
    const e = await rejection(p.get())
    expect(e.code).toBe('hwid_unavailable')
    expect(e.message).toMatch(msg)
    expect(e.message).not.toContain('Command failed')
  })

  it('caches the id: machineId is called once', async () => {
    let calls = 0
    const p = createHardwareIdProvider({ machineId: async () => (calls++, 'xyz'), platform: 'win32', hostname: () => 'h' })
    const [a, b] = await Promise.all([p.get(), p.get()])
    const c = await p.get()
    expect(calls).toBe(1)
    expect(a).toEqual(b)
    expect(c).toEqual(a)
  })

  it('does not cache a failure', async () => {
    let calls = 0
    const p = createHardwareIdProvider({
      machineId: async () => {
        calls++
        if (calls === 1) throw new Error('transient')
        return 'ok-id'
      },
      platform: 'win32',
      hostname: () => 'h'
    })
    expect((await rejection(p.get())).code).toBe('hwid_unavailable')
    expect((await p.get()).id).toBe(sha256sum('ok-id'))
    expect(calls).toBe(2)
  })

  const machineIdFile = (() => {
    for (const p of ['/var/lib/dbus/machine-id', '/etc/machine-id']) {
      try {
        const v = readFileSync(p, 'utf8').trim()
        if (v) return v
      } catch {
        /* next */
      }
    }
    return undefined
  })()
  it.runIf(process.platform === 'linux' && machineIdFile)('the real node-machine-id agrees with sha256sum of the machine-id file (Linux SDK compatible)', async () => {
    const info = await createHardwareIdProvider().get()
    expect(info.id).toBe(sha256sum(machineIdFile!.toLowerCase()))
    expect(info.source).toMatch(/^linux:\/(var\/lib\/dbus|etc)\/machine-id$/)
  })

  it.runIf(process.platform === 'linux' && machineIdFile)('on Linux the files are read directly and give node-machine-id’s own id', async () => {
    expect(machineIdSync(false)).toBe(sha256sum(machineIdFile!.toLowerCase()))
    let hostAsked = false
    const info = await createHardwareIdProvider({ platform: 'linux' }).get()
    expect(info.id).toBe(machineIdSync(false))
    // Injected: no shell, no node-machine-id on Linux.
    const direct = await createHardwareIdProvider({
      platform: 'linux',
      readFile: (p) => (p === '/etc/machine-id' ? `${machineIdFile}\n` : undefined),
      hostname: () => ((hostAsked = true), 'h')
    }).get()
    expect(direct.id).toBe(info.id)
    expect(hostAsked).toBe(true) // cat fails on the missing dbus file, so the host name is appended (then cut by head)
  })
})

describe('Linux machine id read from the files: identical to node-machine-id', () => {
  // node-machine-id's own Linux command, taken from the installed package, run on fixture files.
  const bundle = readFileSync(join(ROOT, 'node_modules/node-machine-id/dist/index.js'), 'utf8')
  const command = /linux:"([^"]+)"/.exec(bundle)![1]!
  const nodeMachineIdOf = (files: Partial<Record<(typeof LINUX_MACHINE_ID_FILES)[number], string>>, host: string) => {
    const dir = tempDir()
    let cmd = command
    for (const [i, p] of LINUX_MACHINE_ID_FILES.entries()) {
      const f = join(dir, `id-${i}`)
      if (files[p] !== undefined) writeFileSync(f, files[p]!)
      cmd = cmd.replace(p, f)
    }
    cmd = cmd.replace('|| hostname', `|| echo ${JSON.stringify(host)}`)
    // node-machine-id's expose() for linux, then machineId(false) = sha256 hex.
    const raw = execSync(cmd, { shell: '/bin/sh' })
      .toString()
      .replace(/\r+|\n+|\s+/gi, '')
      .toLowerCase()
    return { raw, id: sha256sum(raw) }
  }
  const id = '4c4c4544004e3510804ec2c04f4a3732'
  it.runIf(process.platform !== 'win32')('the command is the one the direct reader follows', () => {
    expect(command).toBe('( cat /var/lib/dbus/machine-id /etc/machine-id 2> /dev/null || hostname ) | head -n 1 || :')
  })
  it.runIf(process.platform !== 'win32').each([
    ['both files', { '/var/lib/dbus/machine-id': `${id}\n`, '/etc/machine-id': `${'f'.repeat(32)}\n` }],
    ['only /etc/machine-id', { '/etc/machine-id': `${id}\n` }],
    ['only the dbus file', { '/var/lib/dbus/machine-id': `${id}\n` }],
    ['upper case and spaces', { '/etc/machine-id': ` ${id.toUpperCase()} \r\n` }],
    ['dbus file empty', { '/var/lib/dbus/machine-id': '', '/etc/machine-id': `${id}\n` }],
    ['no newline at the end of the dbus file', { '/var/lib/dbus/machine-id': id.slice(0, 10), '/etc/machine-id': `${id}\n` }],
    ['no newline and no dbus file (the host name is appended)', { '/etc/machine-id': id }]
  ] as const)('%s', async (_name, files) => {
    const host = 'Box-1'
    const expected = nodeMachineIdOf(files, host)
    const readFile = (p: string) => (files as Record<string, string | undefined>)[p]
    const info = await createHardwareIdProvider({ platform: 'linux', readFile, hostname: () => host }).get()
    expect(info.id).toBe(expected.id)
  })
  it.runIf(process.platform !== 'win32').each([
    ['an empty first line', { '/var/lib/dbus/machine-id': '\n', '/etc/machine-id': `${id}\n` }, 'hwid_empty'],
    ['no file at all (node-machine-id falls back to the host name)', {}, 'hwid_fallback']
  ] as const)('refused like before: %s', async (_name, files, code) => {
    const host = 'box-1'
    const expected = nodeMachineIdOf(files, host)
    if (code === 'hwid_empty') expect(expected.raw).toBe('')
    else expect(expected.raw).toBe(host)
    const readFile = (p: string) => (files as Record<string, string | undefined>)[p]
    const e = await rejection(createHardwareIdProvider({ platform: 'linux', readFile, hostname: () => host }).get())
    expect(e.code).toBe(code)
  })
})
