BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noChromium = Test-SkipPeer chromium
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    # A zone with a hostile record: its text must reach the reader as text, never as markup.
    $hostileZone = Join-Path $TestDrive 'hostile.test.zone'
    Set-Content -Path $hostileZone -Value @'
$ORIGIN hostile.test.
$TTL 300
@ IN SOA ns.hostile.test. hostmaster.hostile.test. 1 3600 600 86400 60
@ IN TXT "v=spf1 <script>document.title='pwned'</script> <img src=x onerror=alert(1)> -all"
_dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:<b>x</b>@hostile.test"
'@
    $reports = @(Test-EmailAuth -Domain shop.example.com, typo.example.com -ZoneFile $Zone) +
               @(Test-EmailAuth -Domain hostile.test -ZoneFile $hostileZone)
}

Describe 'Export-EmailAuthReport' {
    It 'writes one HTML file and returns it' {
        $path = Join-Path $TestDrive 'report.html'
        $file = $reports | Export-EmailAuthReport -Path $path
        $file | Should -BeOfType ([System.IO.FileInfo])
        $file.FullName | Should -Be $path
        $html = Get-Content -Raw $path
        $html | Should -Match '<!DOCTYPE html>'
        $html | Should -Match 'shop\.example\.com'
        $html | Should -Not -Match '<script'
        $html | Should -Not -Match '<img'
        $html | Should -Match ([regex]::Escape('&lt;script&gt;'))
    }

    It 'writes Markdown for a .md path, or with -Format Markdown' {
        $md = Join-Path $TestDrive 'report.md'
        $null = $reports | Export-EmailAuthReport -Path $md
        Get-Content -Raw $md | Should -Match '## shop\.example\.com — grade A'
        $other = Join-Path $TestDrive 'report.txt'
        $null = $reports | Export-EmailAuthReport -Path $other -Format Markdown
        Get-Content -Raw $other | Should -Match '^# Email authentication report'
    }

    It 'writes nothing with -WhatIf' {
        $path = Join-Path $TestDrive 'whatif.html'
        $out = $reports | Export-EmailAuthReport -Path $path -WhatIf
        $out | Should -BeNullOrEmpty
        $path | Should -Not -Exist
    }

    It 'refuses to overwrite without -Force, and overwrites with it' {
        $path = Join-Path $TestDrive 'exists.html'
        Set-Content -Path $path -Value 'old'
        { $reports | Export-EmailAuthReport -Path $path -ErrorAction Stop } |
            Should -Throw -ErrorId 'ReportFileExists,EmailAuth.Commands.ExportEmailAuthReportCommand'
        Get-Content -Raw $path | Should -Match '^old'
        $null = $reports | Export-EmailAuthReport -Path $path -Force
        Get-Content -Raw $path | Should -Match '<!DOCTYPE html>'
    }

    It 'resolves a relative path against the PowerShell location' {
        Push-Location $TestDrive
        try { $file = $reports[0] | Export-EmailAuthReport -Path 'relative.html' }
        finally { Pop-Location }
        $file.FullName | Should -Be (Join-Path $TestDrive 'relative.html')
    }

    Context 'rendered by a real browser (headless chromium)' -Skip:$noChromium {
        BeforeAll {
            $path = Join-Path $TestDrive 'browser.html'
            $null = $reports | Export-EmailAuthReport -Path $path -Force
            $page = Invoke-HeadlessChromium -Path $path -Height 2000
            $dom, $text, $shot = $page.Dom, $page.Text, $page.Screenshot
        }

        It 'loads the page and shows the domains, grades and a fix' {
            $dom | Should -Match '<h1>Email authentication report</h1>'
            $text | Should -Match 'shop\.example\.com A'
            $text | Should -Match 'typo\.example\.com D'
            $text | Should -Match 'hostile\.test D'
            $fix = ($reports | Where-Object Domain -EQ typo.example.com).Findings.Where({ $_.Code -eq 'SPF_INCLUDE_NO_RECORD' })[0].Remediation
            $text | Should -Match ([regex]::Escape("Fix: $fix"))
        }

        It 'shows hostile record text as text: no script, image or bold element was created' {
            $text | Should -Match ([regex]::Escape("<script>document.title='pwned'</script>"))
            $dom | Should -Not -Match '<script'
            $dom | Should -Not -Match '<img'
            $dom | Should -Not -Match '<b>x</b>'
            $dom | Should -Match '<title>Email authentication report</title>'
        }

        It 'draws the page (a screenshot is written)' {
            $shot | Should -Exist
            (Get-Item $shot).Length | Should -BeGreaterThan 10000
        }
    }
}
