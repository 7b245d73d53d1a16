// End-to-end test of the web UI in Debian's chromium against the real `gongkai serve`.
// Builds nothing: GONGKAI names the built binary (default build/gongkai), web/dist must be built.
// Screenshots of every page go to WEB_E2E_OUT (default build/web-e2e).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'
import JSZip from 'jszip'

const here = path.dirname(fileURLToPath(import.meta.url))
const repo = path.resolve(here, '../..')
const GONGKAI = path.resolve(process.env.GONGKAI ?? path.join(repo, 'build/gongkai'))
const OUT = path.resolve(process.env.WEB_E2E_OUT ?? path.join(repo, 'build/web-e2e'))
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const DIST = path.join(repo, 'web/dist')
const SEEDS = path.join(repo, 'tests/fixtures/seeds')

for (const [what, p] of [['gongkai binary (GONGKAI)', GONGKAI], ['built web UI', path.join(DIST, 'index.html')], ['chromium', CHROMIUM]]) {
  if (!fs.existsSync(p)) {
    console.error(`web e2e: ${what} not found: ${p}`)
    process.exit(2)
  }
}
fs.rmSync(OUT, { recursive: true, force: true })
fs.mkdirSync(OUT, { recursive: true })
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-web-e2e-'))
const db = path.join(tmp, 'store.db')

const USERS = [
  { name: 'admin', role: 'admin', password: 'Admin-pass-2024' },
  { name: 'shenhe', role: 'reviewer', password: 'Review-pass-2024' },
  { name: 'chakan', role: 'viewer', password: 'Viewer-pass-2024' },
]

let passed = 0
let failed = 0
const t0 = Date.now()
function ok(name) {
  passed++
  console.log(`  ok   ${name}`)
}
function fail(name, err) {
  failed++
  console.log(`  FAIL ${name}: ${err?.stack ?? err}`)
}
function expect(cond, msg) {
  if (!cond) throw new Error(msg)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer()
    s.unref()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

for (const u of USERS) {
  const r = spawnSync(GONGKAI, ['user', 'add', u.name, '--role', u.role, '--password-stdin', '--db', db], { input: `${u.password}\n`, encoding: 'utf8' })
  if (r.status !== 0) {
    console.error(`gongkai user add ${u.name} failed (${r.status}): ${r.stderr}`)
    process.exit(1)
  }
}

const port = await freePort()
const base = `http://127.0.0.1:${port}`
const serverLog = fs.openSync(path.join(OUT, 'serve.log'), 'w')
const server = spawn(GONGKAI, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web', DIST], { stdio: ['ignore', serverLog, serverLog] })
let serverExited = null
server.on('exit', (code, sig) => (serverExited = `${code ?? sig}`))

async function waitHealthy() {
  for (let i = 0; i < 150; i++) {
    if (serverExited !== null) throw new Error(`gongkai serve exited (${serverExited}); see ${OUT}/serve.log`)
    try {
      const r = await fetch(`${base}/api/v1/health`)
      if (r.ok) return
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error('gongkai serve did not answer /api/v1/health within 30 s')
}

// Input files: the seeds, one bad file, and later changed revisions of two seeds.
const seedFiles = fs.readdirSync(SEEDS).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(SEEDS, f))
const badFile = path.join(tmp, '坏文件-无法读取.pdf')
fs.writeFileSync(badFile, Buffer.from('this is not a PDF at all \x00\x01\x02', 'binary'))
const revDir = path.join(tmp, 'rev2')
fs.mkdirSync(revDir)
function revise(name) {
  const src = fs.readFileSync(path.join(SEEDS, name), 'utf8')
  const out = path.join(revDir, name)
  // a changed revision: the same report with one more sentence in the last section
  fs.writeFileSync(out, src.replace(/\s*$/, '\n本报告为更正后重新发布的版本。\n'))
  return out
}

// 填报: unit accounts and a register with known answers (year 2024): 12 rows under a title row,
// one overdue answer (received 2024-09-30 on the eve of National Day, due 2024-11-01, answered
// 2024-11-20: 13 working days over), one still pending at the year's end, one row that cannot be
// counted (an applicant type the form does not have), dates in the shapes registers use.
const UNIT = { name: 'danwei', password: 'Danwei-pass-2024', agency: '某市某区人民政府办公室' }
const UNIT2 = { name: 'danwei2', password: 'Danwei2-pass-2024', agency: '某市某区教育局' }
const registerFile = path.join(tmp, '2024年依申请公开台账.csv')
{
  const rows = [
    ['YSQ-01', '2024-01-08', '自然人', '予以公开', '2024-01-15'],
    ['YSQ-02', '2024/2/1', '自然人', '予以公开', '2024/2/20'],
    ['YSQ-03', '2024.3.5', '商业企业', '部分公开', '2024.3.18'],
    ['YSQ-04', '2024年4月8日', '自然人', '予以公开', '2024年4月22日'],
    ['YSQ-05', '2024-05-06', '法律服务机构', '予以公开', '2024-05-20'],
    ['YSQ-06', '2024-06-03', '自然人', '予以公开', '2024-06-14'],
    ['YSQ-07', '2024-07-01', '自然人', '予以公开', '2024-07-12'],
    ['YSQ-08', '2024-08-05', '科研机构', '予以公开', '2024-08-16'],
    ['YSQ-09', '2024-09-30', '自然人', '予以公开', '2024-11-20'],
    ['YSQ-10', '2024-10-14', '其他', '予以公开', '2024-10-25'],
    ['YSQ-11', '2024-12-23', '自然人', '', ''],
    ['YSQ-12', '2024-11-04', '个体户', '予以公开', '2024-11-08'],
  ]
  const csv = ['2024年度依申请公开台账', '编号,收到日期,申请人类型,办理结果,答复日期', ...rows.map((r) => r.join(','))].join('\r\n')
  fs.writeFileSync(registerFile, '\ufeff' + csv + '\r\n')
}

let browser
let step = 0
async function shot(page, name, fullPage = true) {
  step++
  // let loading masks and progress-bar transitions settle
  await page.waitForFunction(() => !document.querySelector('.el-loading-mask'), null, { timeout: 10000 }).catch(() => {})
  await page.waitForTimeout(700)
  const file = path.join(OUT, `${String(step).padStart(2, '0')}-${name}.png`)
  await page.screenshot({ path: file, fullPage })
  return file
}

async function run(name, fn) {
  try {
    await fn()
    ok(name)
    return true
  } catch (e) {
    fail(name, e)
    return false
  }
}

async function login(page, user) {
  await page.goto(`${base}/login`)
  await page.locator('input[data-testid=login-user], [data-testid=login-user] input').fill(user.name)
  await page.locator('input[data-testid=login-pass], [data-testid=login-pass] input').fill(user.password)
  await page.locator('[data-testid=login-submit]').click()
  await page.waitForURL(/\/overview/)
}

// Waits for the newest import (the list's first, once it has `jobs` entries) to be done.
async function waitImportDone(page, jobs) {
  await page.waitForFunction(
    (n) => document.querySelectorAll('.job').length === n && document.querySelector('.job')?.getAttribute('data-state') === 'done',
    jobs,
    { timeout: 120000 },
  )
  return page.locator('.job').first()
}

async function openReport(page, year, agency) {
  await page.goto(`${base}/overview?year=${year}&agency=${encodeURIComponent(agency)}`)
  const link = page.locator('[data-testid=units-table] .unit-link', { hasText: agency }).first()
  await link.waitFor()
  await link.click()
  await page.waitForURL(/\/reports\//)
  await page.locator('[data-testid=finding-list]').waitFor()
}

async function review(page, rule, status, comment) {
  await page.locator(`[data-testid=finding-list] .finding[data-rule="${rule}"]`).first().click()
  const form = page.locator('[data-testid=review-form]')
  await form.waitFor()
  await form.locator(`[data-status=${status}]`).click()
  await page.locator('textarea[data-testid=review-comment], [data-testid=review-comment] textarea').fill(comment)
  await form.locator('[data-testid=review-save]').click()
  await page.locator('[data-testid=review-history] li', { hasText: comment }).waitFor()
}

let exitCode = 1
try {
  await waitHealthy()
  console.log(`web e2e: gongkai serve on ${base}, store ${db}, screenshots in ${OUT}`)
  const profile = fs.mkdtempSync(path.join(tmp, 'chromium-'))
  browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    acceptDownloads: true,
  })
  const page = browser.pages()[0] ?? (await browser.newPage())
  const offHost = []
  page.on('request', (r) => {
    const u = new URL(r.url())
    if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:' && u.protocol !== 'blob:') offHost.push(r.url())
  })
  const consoleErrors = []
  page.on('pageerror', (e) => consoleErrors.push(String(e)))
  const [admin, reviewer, viewer] = USERS
  let report004 = null

  const steps = [
    ['login page; a wrong password is refused in Chinese', async () => {
      await page.goto(`${base}/reports/1`)
      await page.waitForURL(/\/login/)
      await page.locator('input[data-testid=login-user], [data-testid=login-user] input').fill(admin.name)
      await page.locator('input[data-testid=login-pass], [data-testid=login-pass] input').fill('wrong-password')
      await page.locator('[data-testid=login-submit]').click()
      const err = page.locator('[data-testid=login-error]')
      await err.waitFor()
      expect(/[\u4e00-\u9fff]/.test(await err.innerText()), 'login error not in Chinese')
      await shot(page, 'login')
    }],
    ['admin logs in; empty overview; 用户管理 lists the users', async () => {
      await login(page, admin)
      await page.getByText('语料库中还没有报告').waitFor()
      await shot(page, 'overview-empty')
      await page.locator('nav.nav').getByRole('link', { name: '用户管理', exact: true }).click()
      const table = page.locator('[data-testid=users-table]')
      for (const u of USERS) await table.getByText(u.name, { exact: true }).waitFor()
      await shot(page, 'users')
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
    }],
    ['reviewer uploads the seeds and a bad file; the failure has its reason; new reports listed', async () => {
      await login(page, reviewer)
      await page.locator('nav.nav').getByRole('link', { name: '导入', exact: true }).click()
      await page.locator('[data-testid=file-input]').setInputFiles([...seedFiles, badFile])
      await page.getByText(`已选择 ${seedFiles.length + 1} 个文件`).waitFor()
      await shot(page, 'import-picked')
      await page.locator('[data-testid=upload]').click()
      const job = await waitImportDone(page, 1)
      const failures = job.locator('[data-testid=failures] tbody tr')
      expect((await failures.count()) === 1, `expected 1 failure, saw ${await failures.count()}`)
      const row = await failures.first().innerText()
      expect(row.includes(path.basename(badFile)), `failure does not name the bad file: ${row}`)
      expect(/[\u4e00-\u9fff]{2,}/.test(row.replace(path.basename(badFile), '')), `failure reason not in Chinese: ${row}`)
      const links = job.locator('[data-testid=new-reports] a')
      await page.waitForFunction(() => !document.querySelector('[data-testid=new-reports]')?.textContent?.includes('…'))
      expect((await links.count()) === seedFiles.length, `expected ${seedFiles.length} new reports, saw ${await links.count()}`)
      await shot(page, 'import-done')
    }],
    ['overview shows the counts, the charts and the units table', async () => {
      await page.locator('nav.nav').getByRole('link', { name: '总览', exact: true }).click()
      await page.locator('[data-testid=units-table] .unit-link').first().waitFor()
      const published = await page.locator('[data-testid=count-published] .card-value').innerText()
      expect(Number(published) >= 1, `已报 count is ${published}`)
      // Lateness that cannot be judged is its own count, not hidden in 已报.
      const unknown = await page.locator('[data-testid=count-date_unknown]').innerText()
      expect(/发布日期不明\s*\d+/.test(unknown), `发布日期不明 card says ${unknown}`)
      expect((await page.locator('canvas').count()) >= 1, 'no chart drawn')
      await page.waitForTimeout(600) // chart animation
      await shot(page, 'overview')
    }],
    ['report with an error: click the finding, its cell is outlined, excerpt shown', async () => {
      await openReport(page, 2021, '硚口区行政审批局')
      report004 = page.url().split('/reports/')[1].split('?')[0]
      const cell = page.locator('td[data-rule="narrative.unit"]')
      expect((await cell.count()) >= 1, 'no cell carries data-rule="narrative.unit"')
      expect((await cell.first().getAttribute('data-severity')) === 'error', 'cell not data-severity=error')
      // at 1366×768 the three tables fit their panels: no sideways scrolling
      const overflow = await page.evaluate(() =>
        [...document.querySelectorAll('.form-table-wrap')].map((w) => w.scrollWidth - w.clientWidth),
      )
      expect(overflow.length === 3 && overflow.every((d) => d <= 0), `tables wider than their panels by ${overflow} px`)
      await shot(page, 'report')
      await page.locator('[data-testid=finding-list] .finding[data-rule="narrative.unit"]').click()
      await page.waitForFunction(() => document.querySelector('td[data-rule="narrative.unit"]')?.classList.contains('outlined'))
      const outline = await cell.first().evaluate((el) => getComputedStyle(el).outlineStyle)
      expect(outline === 'solid', `cell outline is ${outline}`)
      const excerpt = await page.locator('[data-testid=excerpt]').innerText()
      expect(excerpt.includes('326780865'), `excerpt: ${excerpt}`)
      await shot(page, 'report-finding', false)
      // the cell lists its findings: reached by keyboard (it is focusable) and opened with Enter
      await cell.first().focus()
      await page.keyboard.press('Enter')
      await page.getByText('显示全部').waitFor()
      await page.getByText('显示全部').click()
    }],
    ['confirm the error with a comment; dismiss another finding with a comment', async () => {
      await review(page, 'narrative.unit', 'confirmed', '收费金额单位错误（元误作万元），请更正表二。')
      await shot(page, 'report-confirmed', false)
      await openReport(page, 2023, '硚口区社会管理网格化服务中心')
      const rule = await page.locator('[data-testid=finding-list] .finding').first().getAttribute('data-rule')
      await review(page, rule, 'dismissed', '标题写法为本地惯例，不属问题。')
      await shot(page, 'report-dismissed', false)
    }],
    ['re-import changed revisions: the reviews carry over', async () => {
      await page.locator('nav.nav').getByRole('link', { name: '导入', exact: true }).click()
      await page.locator('[data-testid=file-input]').setInputFiles([revise('004-qiaokou-approval-2021.txt'), revise('002-qiaokou-grid-2023.txt')])
      await page.locator('[data-testid=upload]').click()
      const job = await waitImportDone(page, 2)
      const failures = await job.locator('[data-testid=failures] tbody tr').count()
      expect(failures === 0, `re-import had ${failures} failures`)
      await shot(page, 'reimport')
      await openReport(page, 2021, '硚口区行政审批局')
      const now = page.url().split('/reports/')[1].split('?')[0]
      expect(now !== report004, `the overview still opens the old revision ${report004}`)
      const f = page.locator('[data-testid=finding-list] .finding[data-rule="narrative.unit"]')
      await f.click()
      const tags = await f.innerText()
      expect(tags.includes('确认问题'), `review not carried over to the new revision: ${tags}`)
      await page.locator('[data-testid=review-history] li', { hasText: '收费金额单位错误' }).waitFor()
      await shot(page, 'report-revision2', false)
      await openReport(page, 2023, '硚口区社会管理网格化服务中心')
      const first = await page.locator('[data-testid=finding-list] .finding').first().innerText()
      expect(first.includes('误报'), `dismissal not carried over: ${first}`)
    }],
    ['compare, rollup and the 整改通知 (printable page and DOCX)', async () => {
      await page.goto(`${base}/compare?agency=${encodeURIComponent('硚口区行政审批局')}`)
      await page.getByText('表格数据对照').waitFor()
      await shot(page, 'compare')
      await page.locator('nav.nav').getByRole('link', { name: '汇总', exact: true }).click()
      await page.getByText('纳入汇总的单位').waitFor()
      await shot(page, 'rollup')
      const ids = await page.evaluate(async () => (await (await fetch('/api/v1/reports?year=2021')).json()).items.map((i) => i.id))
      const notice = await browser.newPage()
      const r = await notice.goto(`${base}/api/v1/reports/${ids[0]}/notice?format=html`)
      expect(r.ok(), `notice page: HTTP ${r.status()}`)
      expect((await notice.content()).includes('326780865') || (await notice.content()).includes('收费'), 'notice does not list the confirmed finding')
      await shot(notice, 'notice')
      await notice.close()
      const docx = await browser.request.get(`${base}/api/v1/reports/${ids[0]}/notice?format=docx`)
      expect(docx.ok(), `notice DOCX: HTTP ${docx.status()}`)
      const doc = await (await JSZip.loadAsync(await docx.body())).file('word/document.xml')?.async('string')
      expect(doc && doc.includes('整改'), 'the notice DOCX has no word/document.xml naming 整改')
    }],
    ['export XLSX of the current view and open it', async () => {
      await page.goto(`${base}/overview?year=2023`)
      await page.getByRole('button', { name: '导出当前视图…' }).click()
      await page.locator('[data-testid=export-xlsx]').waitFor()
      await shot(page, 'export')
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=export-xlsx]').click()])
      const file = path.join(tmp, dl.suggestedFilename() || 'export.xlsx')
      await dl.saveAs(file)
      const bytes = fs.readFileSync(file)
      expect(bytes.subarray(0, 2).toString() === 'PK', 'the XLSX is not a zip')
      const zip = await JSZip.loadAsync(bytes)
      const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))
      expect(sheets.length >= 1, `no sheets in the XLSX: ${Object.keys(zip.files).join(', ')}`)
      const wb = await zip.file('xl/workbook.xml').async('string')
      console.log(`       XLSX ${dl.suggestedFilename()}: ${bytes.length} bytes, sheets ${[...wb.matchAll(/<sheet [^>]*name="([^"]+)"/g)].map((m) => m[1]).join(', ')}`)
    }],
    ['log out', async () => {
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      const r = await page.evaluate(async () => (await fetch('/api/v1/reports')).status)
      expect(r === 401, `after logout /reports answers ${r}`)
    }],
    ['a viewer sees the report but cannot review', async () => {
      await login(page, viewer)
      await openReport(page, 2021, '硚口区行政审批局')
      await page.locator('[data-testid=finding-list] .finding').first().click()
      await page.locator('[data-testid=review-readonly]').waitFor()
      expect((await page.locator('[data-testid=review-form]').count()) === 0, 'viewer sees the review form')
      const status = await page.evaluate(async () => {
        const s = await (await fetch('/api/v1/session')).json()
        const id = new URLSearchParams(location.search).get('finding')
        const r = await fetch(`/api/v1/findings/${id}/review`, {
          method: 'PUT',
          headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
          body: JSON.stringify({ status: 'fixed', comment: 'viewer' }),
        })
        return r.status
      })
      expect(status === 403, `viewer's review answered ${status}`)
      await shot(page, 'viewer-report', false)
      await page.goto(`${base}/import`)
      await page.getByText('当前账号为查看权限，不能导入报告').waitFor()
    }],
    ['填报: a unit uploads its register, sees Table 三 and an overdue answer, downloads the draft', async () => {
      // the office creates two unit accounts (one drafts, one does not)
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      await login(page, admin)
      for (const u of [UNIT, UNIT2]) {
        const st = await page.evaluate(async (u) => {
          const s = await (await fetch('/api/v1/session')).json()
          const r = await fetch('/api/v1/users', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': s.csrf_token },
            body: JSON.stringify({ name: u.name, role: 'viewer', password: u.password, agency: u.agency }),
          })
          return r.status
        }, u)
        expect(st === 201, `creating the unit account ${u.name}: HTTP ${st}`)
      }
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      await login(page, UNIT)
      expect((await page.locator('[data-testid=current-user]').innerText()).includes(UNIT.agency), 'the unit is not named in the top bar')
      await page.locator('nav.nav').getByRole('link', { name: '填报', exact: true }).click()
      expect((await page.locator('input[data-testid=fill-agency], [data-testid=fill-agency] input').inputValue()) === UNIT.agency, 'the unit agency is not filled in')
      await page.locator('[data-testid=fill-year]').click()
      await page.locator('.el-select-dropdown__item', { hasText: '2024年' }).click()
      await page.locator('[data-testid=register-file]').setInputFiles(registerFile)
      const summary = page.locator('[data-testid=register-summary]')
      await summary.waitFor()
      const text = await summary.innerText()
      expect(text.includes('共 12 条申请') && text.includes('超过法定期限 1 件') && text.includes('未计入 1 条'), `register summary: ${text}`)
      const cell = (row, col) => page.locator(`[data-testid=count-table3] td[data-cell="3|${row}|${col}"]`).innerText()
      expect((await cell('new_received', 'total')) === '11', `new_received total ${await cell('new_received', 'total')}`)
      expect((await cell('granted', 'total')) === '9', `granted total ${await cell('granted', 'total')}`)
      expect((await cell('partially_granted', 'commercial_enterprise')) === '1', `partially_granted commercial ${await cell('partially_granted', 'commercial_enterprise')}`)
      expect((await cell('carried_forward', 'total')) === '1', `carried_forward total ${await cell('carried_forward', 'total')}`)
      const late = page.locator('[data-testid=deadline-table] .el-table__body tr').first()
      const row = await late.innerText()
      expect(row.includes('2024年9月30日') && row.includes('2024年11月1日') && row.includes('2024年11月20日') && row.includes('13'), `overdue row: ${row}`)
      await page.locator('[data-testid=register-findings]', { hasText: '申请人类型' }).waitFor()
      await shot(page, 'fill-register')
      // typed tables: Table 二 and 四 by hand; the live check follows
      await page.getByRole('tab', { name: '填写表二、表三、表四' }).click()
      const t2 = page.locator('[data-testid=edit-table2]')
      await t2.locator('input[aria-label*="行政许可"]').fill('50')
      await t2.locator('input[aria-label*="行政许可"]').press('Tab')
      await t2.locator('input[aria-label*="行政事业性收费"]').fill('1.5x')
      await t2.locator('input[aria-label*="行政事业性收费"]').press('Tab')
      await page.getByText('请填写金额（万元，可带小数）').waitFor()
      await t2.locator('input[aria-label*="行政事业性收费"]').fill('0.35')
      await t2.locator('input[aria-label*="行政事业性收费"]').press('Tab')
      const t3granted = await page.locator('[data-testid=edit-table3] td[data-cell="3|granted|total"] input').inputValue()
      expect(t3granted === '9', `the count is not in the typed Table 三: ${t3granted}`)
      await page.getByRole('tab', { name: '填写正文（可选）' }).click()
      await page.locator('textarea[data-testid=section-1], [data-testid=section-1] textarea').fill('本年度，本办坚持以公开为常态、不公开为例外，依申请公开工作按期办结。')
      await shot(page, 'fill-sections', false)
      const verdict = page.locator('[data-testid=draft-verdict]')
      await verdict.getByText('草稿通过核查').waitFor({ timeout: 15000 })
      await shot(page, 'fill-tables')
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=draft-docx]').click()])
      const name = dl.suggestedFilename()
      expect(name.includes(UNIT.agency) && name.endsWith('.docx'), `draft file name ${name}`)
      const file = path.join(tmp, 'draft.docx')
      await dl.saveAs(file)
      const bytes = fs.readFileSync(file)
      const xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')
      expect(xml && xml.includes(UNIT.agency) && xml.includes('本年新收政府信息公开申请'), 'the draft DOCX lacks the agency or Table 三')
      expect(xml.includes('本办坚持以公开为常态'), 'the draft DOCX lacks the typed text of section 一')
      const check = spawnSync(GONGKAI, ['check', file], { encoding: 'utf8' })
      expect(check.status === 0, `gongkai check on the downloaded draft: exit ${check.status}\n${check.stdout}${check.stderr}`)
      await page.locator('[data-testid=fill-mine]', { hasText: '草稿通过核查' }).waitFor()
      console.log(`       draft ${name}: ${bytes.length} bytes; gongkai check exit 0`)
      await shot(page, 'fill-drafted', false)
    }],
    ['填报: the office sees which units drafted and whether the drafts pass', async () => {
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      await login(page, reviewer)
      await page.goto(`${base}/fill`)
      await page.locator('[data-testid=fill-year]').click()
      await page.locator('.el-select-dropdown__item', { hasText: '2024年' }).click()
      const office = page.locator('[data-testid=office-drafts]')
      await office.locator('.el-table__body tr', { hasText: UNIT.agency }).getByText('草稿通过核查').waitFor()
      await office.locator('.el-table__body tr', { hasText: UNIT2.agency }).getByText('未起草').waitFor()
      const s = await office.locator('[data-testid=office-summary]').innerText()
      expect(s.includes('共 2 个单位') && s.includes('已起草 1 个'), `office summary: ${s}`)
      await office.scrollIntoViewIfNeeded()
      await shot(page, 'fill-office')
    }],
    ['总览: the administrator loads the 应报单位名单; the unit without a report is 未报', async () => {
      await page.getByRole('button', { name: '退出登录' }).click()
      await page.waitForURL(/\/login/)
      await login(page, admin)
      await page.goto(`${base}/overview?year=2023`)
      const state = page.locator('[data-testid=unit-list-state]')
      await state.getByText('尚未载入应报单位名单').waitFor()
      const list = path.join(tmp, '2023年度应报单位名单.csv')
      fs.writeFileSync(list, '\ufeff2023年度应报单位名单\r\n序号,单位名称,备注\r\n1,硚口区社会管理网格化服务中心,\r\n2,某市某区未报送局,新设\r\n')
      await page.locator('[data-testid=unit-list-file]').setInputFiles(list)
      const loaded = page.locator('[data-testid=unit-list-loaded]')
      await loaded.waitFor()
      expect((await loaded.innerText()).includes('应报单位 2 个'), `after loading: ${await loaded.innerText()}`)
      await page.locator('#missing-units .missing-list', { hasText: '某市某区未报送局' }).waitFor()
      // The list says who must report: 应报 2, 未报 1, and those that published outside it are listed apart.
      await page.waitForFunction(() => document.querySelector('[data-testid=count-expected] .card-value')?.textContent?.trim() === '2')
      const missing = await page.locator('[data-testid=count-missing] .card-value').innerText()
      expect(missing.trim() === '1', `未报 card says ${missing}`)
      await page.locator('[data-testid=unit-list-state]').getByText('2 个应报单位').waitFor()
      const outside = await page.locator('[data-testid=outside-list]').innerText()
      expect(outside.includes('名单以外已报送') && outside.includes('北仑区人民政府'), `outside the list: ${outside}`)
      await page.locator('#missing-units').scrollIntoViewIfNeeded()
      await shot(page, 'overview-unit-list', false)
    }],
    ['nothing was loaded from another host; no script errors', async () => {
      expect(offHost.length === 0, `requests to other hosts: ${offHost.join(', ')}`)
      expect(consoleErrors.length === 0, `page errors: ${consoleErrors.join(' | ')}`)
    }],
  ]
  for (const [name, fn] of steps) {
    if (!(await run(name, fn))) {
      await shot(page, 'failure').catch(() => {})
      break
    }
  }
  exitCode = failed ? 1 : 0
} catch (e) {
  fail('setup', e)
} finally {
  await browser?.close().catch(() => {})
  server.kill('SIGTERM')
  await new Promise((r) => (serverExited !== null ? r() : server.once('exit', r)))
  fs.rmSync(tmp, { recursive: true, force: true })
}
console.log(`web e2e: ${((Date.now() - t0) / 1000).toFixed(1)} s, screenshots in ${OUT}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(exitCode)
