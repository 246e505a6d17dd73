BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Zones = $Zone, (Join-Path $RepoRoot 'samples' 'amazonses.com.zone')
    $Ses = Join-Path $RepoRoot 'samples' 'ses-default-mail-from.eml'
    $Shop = Join-Path $RepoRoot 'tests' 'Fixtures' 'messages' 'shop-aligned.eml'
    $ShopZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'messages' 'example.zone'
}

Describe 'Test-EmailMessage' {
    Context 'the SES walkthrough (samples/ses-default-mail-from.eml on the sample zones)' {
        BeforeAll { $r = Test-EmailMessage $Ses -ZoneFile $Zones }

        It 'SPF passes unaligned, DKIM passes unaligned, DMARC fails with quarantine' {
            $r | Should -BeOfType ([EmailAuth.Core.Messages.EmailMessageAuthResult])
            $r.Path | Should -Be $Ses
            $r.FromDomain | Should -Be 'retail.example.com'
            $r.ClientIPAddress | Should -Be '192.0.2.170'
            $r.Spf.Result | Should -Be Pass
            $r.Dkim.Count | Should -Be 1
            $r.Dkim[0].Domain | Should -Be 'amazonses.com'
            $r.Dkim[0].Result | Should -Be Pass
            $r.Dmarc | Should -BeOfType ([EmailAuth.Core.Alignment.DmarcEvaluation])
            $r.Dmarc.Result | Should -Be Fail
            $r.Dmarc.SpfAligned | Should -BeFalse
            $r.Dmarc.DkimAligned | Should -BeFalse
            $r.Dmarc.Policy | Should -Be Quarantine
            $r.Dmarc.Disposition | Should -Be Quarantine
            $r.Findings.Code | Should -Contain 'DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM'
            $r.Findings.Code | Should -Contain 'DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT'
            $r.Findings.Code | Should -Contain 'DMARC_FAIL'
        }

        It 'explains the verdict and the fix in plain words, and agrees with Gmal''s Authentication-Results' {
            $r.Explanation | Should -BeLike 'SPF passed for 0100018fc3a1b2d4-*@us-east-1.amazonses.com from 192.0.2.170 but us-east-1.amazonses.com does not align with retail.example.com; DKIM passed for d=amazonses.com, which does not align either; DMARC fails, policy quarantine. Fix: *'
            $r.Explanation | Should -BeLike '*Easy DKIM*custom MAIL FROM*'
            $r.ReportedResults.AuthServId | Should -Be 'mx.google.com'
            $r.Disagreements | Should -BeNullOrEmpty
        }

        It 'pipes into Test-DmarcCompliance, which reaches the same verdict' {
            $e = $r | Test-DmarcCompliance -ZoneFile $Zones
            $e.FromDomain | Should -Be 'retail.example.com'
            $e.Result | Should -Be Fail
            $e.Disposition | Should -Be Quarantine
            $e.DkimSigningDomains | Should -Be @('amazonses.com')
            $e.MailFromDomain | Should -Be 'us-east-1.amazonses.com'
            $e.SpfResult | Should -Be Pass
        }

        It 'shows a table by default and every part in the list view' {
            $table = $r | Out-String -Width 200
            $table | Should -Match 'retail\.example\.com\s+Pass\s+amazonses\.com:Pass\s+Fail\s+Quarantine'
            $list = $r | Format-List | Out-String -Width 200
            $list | Should -Match 'Explanation\s+: SPF passed'
            $list | Should -Match 'Dkim\s+: Pass d=amazonses\.com s=b7je6tlytyo3ojt5s4aqxtqssea3qjaj'
        }

        It '-RawMessage gives the same result without a path' {
            $raw = Test-EmailMessage -RawMessage (Get-Content -Raw $Ses) -ZoneFile $Zones
            $raw.Path | Should -BeNullOrEmpty
            $raw.Dmarc.Result | Should -Be Fail
            $raw.Explanation | Should -Be $r.Explanation
        }

        It '-ClientIPAddress, -MailFrom and -AuthServId override what the headers say' {
            $o = Test-EmailMessage $Ses -ZoneFile $Zones -ClientIPAddress 203.0.113.5 -MailFrom '' -Helo mail.retail.example.com -AuthServId mx.google.com
            $o.ClientSource | Should -Be 'parameter'
            $o.MailFrom | Should -Be ''
            $o.Spf.Sender | Should -Be 'postmaster@mail.retail.example.com'
            ($o.Disagreements | Where-Object Method -eq spf).Reported | Should -Be 'pass'
            $o.Findings.Code | Should -Contain 'MSG_REPORTED_RESULT_DIFFERS'
        }

        It 'refuses an IP address PowerShell would misread' {
            { Test-EmailMessage $Ses -ZoneFile $Zones -ClientIPAddress 192.0.2 -ErrorAction Stop } | Should -Throw -ErrorId 'ParameterArgumentTransformationError,EmailAuth.Commands.TestEmailMessageCommand'
        }
    }

    Context 'many files' {
        BeforeAll {
            $dir = Join-Path ([IO.Path]::GetTempPath()) "emailauth-msg-$([guid]::NewGuid().ToString('N'))"
            $null = New-Item -ItemType Directory $dir
            Copy-Item $Ses (Join-Path $dir 'a-ses.eml')
            Copy-Item $Shop (Join-Path $dir 'b-shop.eml')
            [IO.File]::WriteAllBytes((Join-Path $dir 'c-damaged.eml'), [byte[]](0, 1, 2, 255, 254, 10, 13, 0))
            Copy-Item $Ses (Join-Path $dir 'd-ses.eml')
            $zones = @($Zones) + $ShopZone
        }
        AfterAll { Remove-Item -Recurse -Force $dir -ErrorAction Ignore }

        It 'file objects from the pipeline: a damaged file is an error naming it, the others go on, with progress' {
            $run = Invoke-InRunspace -Variable @{ dir = $dir; zones = $zones } -Script 'Get-ChildItem $dir -Filter *.eml | Test-EmailMessage -ZoneFile $zones'
            $run.Output.Count | Should -Be 3
            $run.Output.Path | ForEach-Object { Split-Path -Leaf $_ } | Should -Be @('a-ses.eml', 'b-shop.eml', 'd-ses.eml')
            $run.Errors.Count | Should -Be 1
            $run.Errors[0] | Get-ErrorId | Should -Be 'MessageUnreadable'
            $run.Errors[0].TargetObject | Should -BeLike '*c-damaged.eml'
            $run.Errors[0].Exception.Message | Should -BeLike "Cannot read the message file '*c-damaged.eml': *"
            $run.Errors[0].CategoryInfo.Category | Should -Be InvalidData
            $run.Progress.Count | Should -BeGreaterThan 1
            $run.Progress[-1].RecordType | Should -Be Completed
            $run.Progress[-1].StatusDescription | Should -Be '4 message(s) done'
        }

        It '-Path takes wildcards; a path that matches nothing is an error, the rest go on' {
            $run = Invoke-InRunspace -Variable @{ dir = $dir; zones = $zones } -Script 'Test-EmailMessage -Path (Join-Path $dir "*-ses.eml"), (Join-Path $dir "nosuch.eml") -ZoneFile $zones'
            $run.Output.Count | Should -Be 2
            $run.Errors.Count | Should -Be 1
            $run.Errors[0] | Get-ErrorId | Should -Be 'MessageFileNotFound'
        }

        It 'an aligned newsletter passes DMARC and the one-click unsubscribe checks; the planted spf=fail is flagged' {
            $s = Test-EmailMessage -LiteralPath (Join-Path $dir 'b-shop.eml') -ZoneFile $zones
            $s.Dmarc.Result | Should -Be Pass
            $s.Dmarc.DkimAligned | Should -BeTrue
            $s.Findings.Code | Where-Object { $_ -like 'MSG_LIST_*' } | Should -BeNullOrEmpty
            $s.Disagreements.Count | Should -Be 1
            $s.Disagreements[0].Method | Should -Be 'spf'
            $s.Disagreements[0].Reported | Should -Be 'fail'
            $s.Disagreements[0].Computed | Should -Be 'pass'
        }
    }

    Context 'a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'example' = $ShopZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'asks -Server for SPF, the DKIM key and DMARC, and writes the queries as verbose lines' {
            $run = Invoke-InRunspace -Variable @{ shop = $Shop; server = $knot.Address } -Script 'Test-EmailMessage $shop -Server $server -Verbose'
            $run.Errors | Should -BeNullOrEmpty
            $s = $run.Output[0]
            $s.Spf.Result | Should -Be Pass
            $s.Dkim[0].Result | Should -Be Pass
            $s.Dkim[0].KeyBits | Should -Be 2048
            $s.Dmarc.Result | Should -Be Pass
            $run.Verbose | Should -Contain "Evaluating $Shop using DNS server(s) $($knot.Address)."
            ($run.Verbose -join "`n") | Should -Match 's1\._domainkey\.shop\.example'
            ($run.Verbose -join "`n") | Should -Match '_dmarc\.shop\.example'
            $run.Verbose | Should -Contain 'Client 198.51.100.25 (HELO mta.esp.example) from Received #1: from mta.esp.example (mta.esp.example [198.51.100.25]) by mx.example.net with ESMTPS id 9; Mon, 1 Jun 2026 09:14:08 +0000.'
        }
    }

    It '-Server and -ZoneFile together are refused by parameter binding' {
        { Test-EmailMessage $Ses -ZoneFile $Zone -Server 127.0.0.1 } | Should -Throw -ErrorId 'AmbiguousParameterSet,EmailAuth.Commands.TestEmailMessageCommand'
    }
}
