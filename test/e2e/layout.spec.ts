// The layout check the screen suite relies on finds what it is meant to find.
import { expect, test } from '@playwright/test'
import { layoutProblems } from './layout'

test('the layout check reports clipped, spilling and overlapping text, and passes a clean page', async ({ page }) => {
  await page.setContent(`<!doctype html><body style="margin:0;width:600px">
    <p style="width:80px;overflow:hidden;white-space:nowrap" data-testid="clipped">Ṽéŕý ļöñĝ ţéẋţ ţĥáţ ðöéš ñöţ ƒîţ</p>
    <div style="position:relative;height:40px">
      <span style="position:absolute;left:0;top:0" data-testid="a">Fîŕšţ ļáƀéļ</span>
      <span style="position:absolute;left:20px;top:4px" data-testid="b">Šéçöñð ļáƀéļ</span>
    </div>
    <button style="width:60px;white-space:nowrap" data-testid="spill">Ðéáçţîṽáţé áñð šáṽé ţĥé ƒîļé</button>
    <p class="visually-hidden" style="position:absolute;width:1px;height:1px;overflow:hidden">hidden text is not checked</p>
  </body>`)
  const problems = (await layoutProblems(page)).join('\n')
  expect(problems).toMatch(/text wider than its box: <p data-testid=clipped/)
  expect(problems).toMatch(/texts overlap: <span data-testid=a.*and <span data-testid=b/)
  expect(problems).toMatch(/text wider than its box: <button data-testid=spill/)
  expect(problems).not.toMatch(/hidden text/)

  await page.setContent('<!doctype html><body><h1>Öñé šţéþ ļéƒţ</h1><p>Ţĥé šéáţ šţáýš ţáķéñ ûñţîļ ţĥé ƒîļé îš ûþļöáðéð.</p><button>Çöþý</button></body>')
  expect(await layoutProblems(page)).toEqual([])
})
