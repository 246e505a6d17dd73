BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $reports = Join-Path $RepoRoot 'samples' 'reports'
    $rows = @(Import-DmarcReport (Join-Path $reports '*.xml'))

    function New-Row([string] $Ip, [long] $Count, [string] $Org = 'x.example', [string] $Id = '1', [string] $Selector) {
        $r = [EmailAuth.Core.Reports.Dmarc.DmarcReportRecord]::new()
        $r.SourceFile = 'built.xml'; $r.OrgName = $Org; $r.ReportId = $Id; $r.HeaderFrom = 'example.com'
        $r.SourceIP = $Ip; $r.Count = $Count; $r.DkimEvaluated = 'fail'; $r.SpfEvaluated = 'fail'
        $r.Begin = [DateTimeOffset]'2026-11-01T00:00:00Z'; $r.End = [DateTimeOffset]'2026-11-01T23:59:59Z'
        if ($Selector) {
            $r.DkimEvaluated = 'pass'; $r.DkimAligned = $true; $r.Aligned = $true
            $k = [EmailAuth.Core.Reports.Dmarc.DmarcReportDkimResult]::new(); $k.Domain = 'example.com'; $k.Selector = $Selector; $k.Result = 'pass'
            $r.DkimResults = [EmailAuth.Core.Reports.Dmarc.DmarcReportDkimResult[]]@($k)
        }
        $r
    }
}

Describe 'Measure-DmarcReport' {
    It 'summarises the sample reports per domain: counts, rates, reporters, period, policy, verdict' {
        $s = $rows | Measure-DmarcReport
        $s | Should -HaveCount 1
        $s | Should -BeOfType ([EmailAuth.Core.Reports.Summary.DmarcReportSummary])
        $s.Domain | Should -Be 'example.com'
        $s.MessageCount | Should -Be (($rows | Measure-Object Count -Sum).Sum)
        $s.MessageCount | Should -Be 7463
        $s.PassRate | Should -Be 98.93
        $s.Reporters | Should -Be 'google.com', 'Receiver Example'
        $s.ReportCount | Should -Be 2
        $s.Policy | Should -Be 'none'
        $s.Readiness | Should -Be 'InsufficientData'
        $s.ReadinessReason | Should -Be 'Too little data to judge p=quarantine: reports cover 1 day(s), fewer than 14.'
        $s.FailingSources.Source | Should -Be '203.0.113.200'
        $s.FailingSources[0].Explanation | Should -Match '^unknown source 203\.0\.113\.200: both fail .* spoofing or an unauthorised service\.$'
        $s.Findings.Code | Should -Contain 'DMARC_REPORT_UNAUTHORIZED_SOURCE'
        $s.Selector | Should -Contain 'selector1'
    }

    It 'applies the readiness thresholds given' {
        ($rows | Measure-DmarcReport -MinDays 1).Readiness | Should -Be 'Ready'
        ($rows | Measure-DmarcReport -MinDays 1 -MinReporters 3).Readiness | Should -Be 'InsufficientData'
        ($rows | Measure-DmarcReport -MinDays 1 -MinAlignedPercent 100).Readiness | Should -Be 'Ready'
    }

    It 'lists sources failing first with -GroupBy Source, and days with -GroupBy Day' {
        $sources = @($rows | Measure-DmarcReport -GroupBy Source)
        $sources[0] | Should -BeOfType ([EmailAuth.Core.Reports.Summary.DmarcReportSourceSummary])
        $sources[0].Status | Should -Be 'Unauthorized'
        $sources[-1].Status | Should -Be 'Aligned'
        ($sources | Where-Object Source -EQ 'Amazon SES').SourceIP.Count | Should -BeGreaterThan 0
        $days = @($rows | Measure-DmarcReport -GroupBy Day)
        $days | Should -HaveCount 1
        $days[0].Date | Should -Be ([datetime]'2026-11-01')
    }

    It 'counts the same report read from two files once' {
        $copy = Join-Path $TestDrive 'copy.xml'
        Copy-Item (Join-Path $reports 'example.com-google.com-rfc7489.xml') $copy
        $s = Import-DmarcReport (Join-Path $reports 'example.com-google.com-rfc7489.xml'), $copy | Measure-DmarcReport
        $single = Import-DmarcReport (Join-Path $reports 'example.com-google.com-rfc7489.xml') | Measure-DmarcReport
        $s.MessageCount | Should -Be $single.MessageCount
        $s.DuplicateReportCount | Should -Be 1
        $s.Findings.Code | Should -Contain 'DMARC_REPORT_DUPLICATE_REPORT'
    }

    It 'feeds Get-DkimRecord the selectors the reports saw (Domain and Selector by property name)' {
        $s = $rows | Measure-DmarcReport
        $keys = @($s | Get-DkimRecord -ZoneFile $Zone -ErrorAction Stop)
        $keys.Selector | Should -Be @($s.Selector)
        $keys.Guessed | Should -Not -Contain $true
        $keys.Selector | Should -Contain 'selector1'
    }

    It 'feeds Test-EmailAuth the selectors the reports saw, per domain' {
        $s = $rows | Measure-DmarcReport
        $token = $s.Selector | Where-Object { $_ -ne 'selector1' }
        $token | Should -Not -BeNullOrEmpty
        $report = $s | Test-EmailAuth -ZoneFile $Zone -ErrorAction Stop
        $dkim = $report.Sections | Where-Object Name -EQ 'DKIM'
        $dkim.Summary | Should -Match ([regex]::Escape($token))
        $report.Dkim.Guessed | Should -Not -Contain $true
        # Without the summary the selectors are guessed, and the Easy DKIM token cannot be.
        (Test-EmailAuth example.com -ZoneFile $Zone).Sections.Where({ $_.Name -eq 'DKIM' }).Summary | Should -Not -Match ([regex]::Escape($token))
    }

    It 'binds a summary without a passing selector: the common selectors are tried' {
        $s = New-Row 203.0.113.9 3 | Measure-DmarcReport
        $s.Selector | Should -HaveCount 0
        $r = Invoke-InRunspace -Variable @{ s = $s; zone = $Zone } -Script '$s | Get-DkimRecord -ZoneFile $zone'
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -Not -BeNullOrEmpty
        $r.Output.Guessed | Should -Not -Contain $false
    }

    It 'writes a per-item InvalidSelector error for a bad selector from the pipeline and goes on' {
        $in = [pscustomobject]@{ Domain = 'example.com'; Selector = 'bad..selector' }, [pscustomobject]@{ Domain = 'shop.example.com'; Selector = 'selector1' }
        $r = Invoke-InRunspace -Variable @{ in = $in; zone = $Zone } -Script '$in | Test-EmailAuth -ZoneFile $zone'
        $r.Errors | Get-ErrorId | Should -Be 'InvalidSelector'
        $r.Output.Domain | Should -Be 'shop.example.com'
    }

    It 'shows the summary, sources and days through their table views' {
        ($rows | Measure-DmarcReport | Out-String -Width 200) | Should -Match 'Domain\s+Messages\s+Pass%\s+DKIM%\s+SPF%\s+Days\s+Reporters\s+Policy\s+Readiness\s+FailingSources'
        ($rows | Measure-DmarcReport -GroupBy Source | Out-String -Width 250) | Should -Match 'Domain\s+Source\s+Status\s+Messages\s+Pass%\s+Explanation'
        ($rows | Measure-DmarcReport -GroupBy Day | Out-String -Width 200) | Should -Match '2026-11-01\s+7463\s+7383\s+98\.9'
    }

    It 'writes nothing for no rows' {
        @() | Measure-DmarcReport | Should -BeNullOrEmpty
    }
}
