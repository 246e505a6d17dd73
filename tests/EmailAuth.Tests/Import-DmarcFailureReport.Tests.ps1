BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $FailureFixtures = Join-Path $RepoRoot 'tests' 'Fixtures' 'reports' 'failure'
    $Sample = Join-Path $RepoRoot 'samples' 'reports' 'failure' 'example.com-dmarc-failure.eml'
}

Describe 'Import-DmarcFailureReport' {
    It 'imports the bundled SES sample: fields, the reported header and its Authentication-Results' {
        $r = Import-DmarcFailureReport -Path $Sample
        $r.FeedbackType | Should -Be 'auth-failure'
        $r.AuthFailure | Should -Be 'dmarc'
        $r.IdentityAlignment | Should -Be 'none'
        $r.SourceIP | Should -Be '192.0.2.25'
        $r.ReportedDomain | Should -Be 'example.com'
        $r.Incidents | Should -Be 3
        $r.ArrivalDate | Should -Be ([DateTimeOffset]'2026-11-02T09:14:58+00:00')
        $r.Subject | Should -Be 'Your November invoice'
        $r.HasFullMessage | Should -BeFalse
        $r.AuthenticationResults[0].Results.Method | Should -Be 'spf', 'dkim', 'dmarc'
        $r.FeedbackAuthenticationResults[0].Results[0].Result | Should -Be 'fail'
        $r.Findings | Should -BeNullOrEmpty
        $r.SourceFile | Should -Be $Sample
    }

    It 'expands wildcards and takes file objects from Get-ChildItem' {
        $byWildcard = Import-DmarcFailureReport -Path (Join-Path $FailureFixtures 'rfc*.eml')
        $byWildcard.AuthFailure | Sort-Object | Should -Be 'bodyhash', 'dmarc'
        $byObject = Get-ChildItem $FailureFixtures -Filter 'rfc*.eml' | Import-DmarcFailureReport
        $byObject | Should -HaveCount 2
    }

    It 'reads gzip and zip, and a damaged entry is a non-terminating error naming it while the rest continue' {
        $gz = Join-Path $TestDrive 'one.eml.gz'
        $in = [IO.File]::ReadAllBytes((Join-Path $FailureFixtures 'dkim-bodyhash.eml'))
        $out = [IO.File]::Create($gz)
        $gzip = [IO.Compression.GZipStream]::new($out, [IO.Compression.CompressionMode]::Compress)
        $gzip.Write($in, 0, $in.Length); $gzip.Dispose(); $out.Dispose()
        $zip = Join-Path $TestDrive 'many.zip'
        $staging = Join-Path $TestDrive 'zipped'
        $null = New-Item -ItemType Directory $staging
        Copy-Item (Join-Path $FailureFixtures 'rfc9991-appendix-a.eml'), (Join-Path $FailureFixtures 'not-a-report.eml') $staging
        Compress-Archive -Path "$staging/*" -DestinationPath $zip
        $r = Invoke-InRunspace 'param($a, $b) Import-DmarcFailureReport -Path $a, $b' -ArgumentList $gz, $zip
        $r.Output.AuthFailure | Sort-Object | Should -Be 'bodyhash', 'dmarc'
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'DmarcFailureReportInvalid,*'
        $r.Errors[0].CategoryInfo.Category | Should -Be 'InvalidData'
        $r.Errors[0].Exception.Message | Should -BeLike '*many.zip › not-a-report.eml*'
    }

    It 'writes <Id> for <Case>' -ForEach @(
        @{ Case = 'a message that is no report'; File = 'not-a-report.eml'; Id = 'DmarcFailureReportInvalid' }
        @{ Case = 'a delivery status notification'; File = 'delivery-status.eml'; Id = 'DmarcFailureReportInvalid' }
        @{ Case = 'a missing file'; File = 'no-such-file.eml'; Id = 'DmarcFailureReportFileNotFound' }
    ) {
        $out = Import-DmarcFailureReport -Path (Join-Path $FailureFixtures $File) -ErrorVariable errs -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        $errs | Get-ErrorId | Should -Be $Id
    }

    It 'stops a gzip bomb with DmarcFailureReportTooLarge' {
        $bomb = Join-Path $TestDrive 'bomb.eml.gz'
        $out = [IO.File]::Create($bomb)
        $gzip = [IO.Compression.GZipStream]::new($out, [IO.Compression.CompressionLevel]::Optimal)
        $head = [Text.Encoding]::ASCII.GetBytes("From: a@example.com`r`n`r`n")
        $gzip.Write($head, 0, $head.Length)
        $chunk = [byte[]]::new(1MB); [Array]::Fill($chunk, [byte][char]'a')
        foreach ($i in 1..40) { $gzip.Write($chunk, 0, $chunk.Length) }
        $gzip.Dispose(); $out.Dispose()
        (Get-Item $bomb).Length | Should -BeLessThan 1MB
        $r = Import-DmarcFailureReport -Path $bomb -ErrorVariable errs -ErrorAction SilentlyContinue
        $r | Should -BeNullOrEmpty
        $errs | Get-ErrorId | Should -Be 'DmarcFailureReportTooLarge'
    }

    It 'keeps a report that breaks the rules, with findings' {
        $r = Import-DmarcFailureReport -Path (Join-Path $FailureFixtures 'broken-fields.eml')
        $r.Findings.Code | Should -Contain 'ARF_MISSING_FIELD'
        $r.Findings.Code | Should -Contain 'ARF_INVALID_FIELD'
        $r.SourceIP | Should -BeNullOrEmpty
    }

    It 'renders the table view' {
        $text = Import-DmarcFailureReport -Path $Sample | Out-String -Width 200
        $text | Should -Match 'ArrivalDate\s+ReportedDomain\s+AuthFailure\s+Aligned\s+SourceIP\s+From\s+Subject'
        $text | Should -Match '2026-11-02 09:14:58\s+example\.com\s+dmarc\s+none\s+192\.0\.2\.25'
    }
}
