BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noChromium = Test-SkipPeer chromium
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $reports = Join-Path $RepoRoot 'samples' 'reports'
    # The sample reports, plus a report from a hostile "reporter": its text must reach the reader as text.
    $hostile = [EmailAuth.Core.Reports.Dmarc.DmarcReportRecord]::new()
    $hostile.SourceFile = 'hostile.xml'; $hostile.ReportId = 'h1'; $hostile.HeaderFrom = 'example.com'
    $hostile.OrgName = "<script>document.title='pwned'</script>"
    $hostile.SourceIP = '<img src=x onerror=alert(1)>'
    $hostile.Count = 2; $hostile.DkimEvaluated = 'fail'; $hostile.SpfEvaluated = 'fail'
    $hostile.Begin = [DateTimeOffset]'2026-11-02T00:00:00Z'; $hostile.End = [DateTimeOffset]'2026-11-02T23:59:59Z'
    $hostile.PublishedPolicy = [EmailAuth.Core.Reports.Dmarc.DmarcReportPublishedPolicy]@{ Domain = 'example.com'; Policy = 'none' }
    $rows = @(Import-DmarcReport (Join-Path $reports '*.xml')) + $hostile
}

Describe 'Export-DmarcReportSummary' {
    It 'writes one HTML file and returns it' {
        $path = Join-Path $TestDrive 'dmarc.html'
        $file = $rows | Export-DmarcReportSummary -Path $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $html = Get-Content -Raw $path
        $html | Should -Match '<!DOCTYPE html>'
        $html | Should -Match ([regex]::Escape("default-src 'none'; style-src 'unsafe-inline'"))
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '<img'
        $html | Should -Match ([regex]::Escape('&lt;script&gt;'))
    }

    It 'writes Markdown for a .md path, or with -Format Markdown' {
        $md = Join-Path $TestDrive 'dmarc.md'
        $null = $rows | Export-DmarcReportSummary -Path $md
        Get-Content -Raw $md | Should -Match '## example\.com — Insufficient data for p=quarantine'
        $other = Join-Path $TestDrive 'dmarc.txt'
        $null = $rows | Export-DmarcReportSummary -Path $other -Format Markdown
        Get-Content -Raw $other | Should -Match '^# DMARC aggregate report summary'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'
        $rows | Export-DmarcReportSummary -Path $path -WhatIf | Should -BeNullOrEmpty
        $path | Should -Not -Exist
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        $path = Join-Path $TestDrive 'exists.html'
        Set-Content -Path $path -Value 'old'
        { $rows | Export-DmarcReportSummary -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportFileExists,EmailAuth.Commands.ExportDmarcReportSummaryCommand'
        Get-Content -Raw $path | Should -Match '^old'
        $null = $rows | Export-DmarcReportSummary -Path $path -Force
        Get-Content -Raw $path | Should -Match '<!DOCTYPE html>'
    }

    Context 'rendered by a real browser (headless chromium)' -Skip:$noChromium {
        BeforeAll {
            $path = Join-Path $TestDrive 'browser.html'
            $null = $rows | Export-DmarcReportSummary -Path $path -Force
            $page = Invoke-HeadlessChromium -Path $path -Height 2400
            $dom, $text, $shot = $page.Dom, $page.Text, $page.Screenshot
        }

        It 'shows the domain, its verdict, rates, period and reporters' {
            $dom | Should -Match '<h1>DMARC aggregate report summary</h1>'
            $text | Should -Match 'example\.com Insufficient data for p=quarantine'
            $text | Should -Match 'DMARC pass rate 98\.9\d? %'
            $text | Should -Match 'Period 2026-11-01 00:00 – 2026-11-02 23:59 UTC'
            $text | Should -Match ([regex]::Escape("Reporters <script>document.title='pwned'</script>, google.com, Receiver Example"))
        }

        It 'lists the failing sources first, each with why and the fix' {
            $failing = $text.IndexOf('Failing sources')
            $spoof = $text.IndexOf('unknown source 203.0.113.200: both fail')
            $own = $text.IndexOf('source 192.0.2.10: SPF passes for example.com, aligned')
            $failing | Should -BeGreaterThan 0
            $spoof | Should -BeGreaterThan $failing
            $own | Should -BeGreaterThan $spoof
            $text | Should -Match 'If you do not know this source, nothing to fix: p=quarantine or p=reject stops it\.'
        }

        It 'draws the charts with their labels: pass rate per day and messages per source' {
            $dom | Should -Match '<svg class="chart pass-rate"'
            $dom | Should -Match '<svg class="chart volume"'
            ([regex]::Matches($dom, '<rect class="bar-pass"')).Count | Should -BeGreaterThan 3
            $dom | Should -Match '<text class="axis"[^>]*>100 %</text>'
            $dom | Should -Match '<text class="axis date"[^>]*>11-01</text>'
            $dom | Should -Match '<text class="label"[^>]*>Amazon SES</text>'
            $dom | Should -Match '<title>2026-11-01: 98\.93 % of 7463 message\(s\) pass DMARC</title>'
        }

        It 'shows hostile report text as text: no script or image element was created' {
            $text | Should -Match ([regex]::Escape('<img src=x onerror=alert(1)>'))
            $dom | Should -Not -Match '<script'
            $dom | Should -Not -Match '<img'
            $dom | Should -Match '<title>DMARC aggregate report summary</title>'
        }

        It 'draws the page (a screenshot is written)' {
            $shot | Should -Exist
            (Get-Item $shot).Length | Should -BeGreaterThan 10000
        }
    }
}
