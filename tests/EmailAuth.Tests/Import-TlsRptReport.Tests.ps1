BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Reports = Join-Path $RepoRoot 'samples' 'reports'
    $Scratch = Join-Path ([IO.Path]::GetTempPath()) "emailauth-tlsrptimport-$([guid]::NewGuid().ToString('N'))"
    New-Item -ItemType Directory $Scratch | Out-Null
    $Json = Join-Path $Reports 'example.com-tlsrpt.json'
}

AfterAll {
    Remove-Item -Recurse -Force $Scratch -ErrorAction SilentlyContinue
}

Describe 'Import-TlsRptReport' {
    It 'writes one TlsRptReportRecord per policy with the failure details' {
        $out = Import-TlsRptReport $Json
        $out | Should -HaveCount 2
        $out[0] | Should -BeOfType ([EmailAuth.Core.Reports.TlsRpt.TlsRptReportRecord])
        $out.PolicyDomain | Should -Be 'example.com', 'shop.example.com'
        $out[0].PolicyType | Should -Be 'sts'
        $out[0].TotalSuccessfulSessionCount | Should -Be 5326
        $out[0].TotalFailureSessionCount | Should -Be 303
        $out[0].FailureDetails.ResultType | Should -Be 'certificate-expired', 'starttls-not-supported', 'validation-failure'
        $out[0].FailureDetails.FailedSessionCount | Should -Be 100, 200, 3
        $out[0].OrganizationName | Should -Be 'Company-X'
        $out[0].StartDatetime | Should -Be ([DateTimeOffset]'2026-11-01T00:00:00Z')
    }

    It 'reads gzip by its content and a report mail with an application/tlsrpt+gzip attachment' {
        $bytes = [IO.File]::ReadAllBytes($Json)
        $ms = [IO.MemoryStream]::new()
        $gz = [IO.Compression.GZipStream]::new($ms, [IO.Compression.CompressionLevel]::Optimal)
        $gz.Write($bytes, 0, $bytes.Length); $gz.Dispose()
        $gzBytes = $ms.ToArray()
        $gzPath = Join-Path $Scratch 'report.json.gz'
        [IO.File]::WriteAllBytes($gzPath, $gzBytes)
        $eml = Join-Path $Scratch 'report.eml'
        $b64 = [Convert]::ToBase64String($gzBytes, [Base64FormattingOptions]::InsertLineBreaks)
        Set-Content -LiteralPath $eml -Value ("From: tlsrpt@company-x.example`r`nTo: tls@example.com`r`nSubject: Report Domain: example.com`r`nMIME-Version: 1.0`r`n" +
            "Content-Type: multipart/report; report-type=tlsrpt; boundary=`"b`"`r`n`r`n--b`r`nContent-Type: text/plain`r`n`r`nTLS report`r`n" +
            "--b`r`nContent-Type: application/tlsrpt+gzip`r`nContent-Disposition: attachment; filename=`"r.json.gz`"`r`nContent-Transfer-Encoding: base64`r`n`r`n$b64`r`n--b--`r`n")
        $r = Invoke-InRunspace -Script 'param($a, $b) Import-TlsRptReport -LiteralPath $a, $b -Verbose' -ArgumentList $gzPath, $eml
        $r.Errors | Should -BeNullOrEmpty
        $r.Output | Should -HaveCount 4
        $r.Output[2].SourceEntry | Should -Be 'r.json.gz'
        $r.Verbose | Should -Contain "Reading $eml › r.json.gz."
    }

    It 'takes file objects from Get-ChildItem' {
        $out = Get-ChildItem $Reports -Filter '*.json' | Import-TlsRptReport
        $out | Should -HaveCount 2
    }

    It 'writes TlsRptReportUnreadable naming a file that is no TLS report, and goes on' {
        $bad = Join-Path $Scratch 'bad.json'
        Set-Content -LiteralPath $bad -Value '{"organization-name": "x", "policies": '
        $deep = Join-Path $Scratch 'deep.json'
        Set-Content -LiteralPath $deep -Value ('{"policies": [' + ('[' * 200) + (']' * 200) + ']}')
        $xml = Join-Path $Reports 'example.com-google.com-rfc7489.xml'
        $r = Invoke-InRunspace -Script 'param($f) Import-TlsRptReport -LiteralPath $f' -ArgumentList (, @($bad, $deep, $xml, $Json))
        $r.Errors | Get-ErrorId | Select-Object -Unique | Should -Be 'TlsRptReportUnreadable'
        $r.Errors | Should -HaveCount 3
        $r.Errors[0].Exception.Message | Should -Match 'bad\.json: not readable JSON'
        $r.Errors[1].Exception.Message | Should -Match 'deep\.json'
        $r.Errors[2].Exception.Message | Should -Match 'XML, not JSON.*Import-DmarcReport'
        $r.Output | Should -HaveCount 2
    }

    It 'warns about fields of the wrong type instead of failing' {
        $odd = Join-Path $Scratch 'odd.json'
        Set-Content -LiteralPath $odd -Value '{"organization-name": "x", "report-id": "1", "date-range": {"start-datetime": "soon"}, "policies": [{"policy": {"policy-type": "sts", "policy-domain": "example.com"}, "summary": {"total-successful-session-count": 1, "total-failure-session-count": 0}}]}'
        $r = Invoke-InRunspace -Script 'param($f) Import-TlsRptReport -LiteralPath $f' -ArgumentList $odd
        $r.Output | Should -HaveCount 1
        $r.Warnings | Should -Match 'not an RFC 3339 date-time'
    }

    It 'has a table view' {
        $text = Import-TlsRptReport $Json | Format-Table | Out-String -Width 200
        $text | Should -Match 'OrganizationName\s+PolicyDomain\s+PolicyType\s+Successful\s+Failed'
        $text | Should -Match 'certificate-expired x100'
    }
}
