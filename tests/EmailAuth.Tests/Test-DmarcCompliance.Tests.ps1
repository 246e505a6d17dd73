BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noKnot = Test-SkipPeer knotd
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Zones = $Zone, (Join-Path $RepoRoot 'samples' 'amazonses.com.zone')
    $AlignmentZone = Join-Path $RepoRoot 'tests' 'Fixtures' 'zones' 'alignment' 'test.zone'
}

Describe 'Test-DmarcCompliance' {
    Context 'the four Amazon SES situations (sample zone)' {
        It '1. email-address identity: DKIM d=amazonses.com and MAIL FROM amazonses.com, so DMARC fails' {
            $e = Test-DmarcCompliance -FromDomain example.com -MailFromDomain us-east-1.amazonses.com -SpfResult Pass -DkimSigningDomain amazonses.com -ZoneFile $Zones
            $e | Should -BeOfType ([EmailAuth.Core.Alignment.DmarcEvaluation])
            $e.Result | Should -Be Fail
            $e.SpfAligned | Should -BeFalse
            $e.DkimAligned | Should -BeFalse
            $e.Policy | Should -Be Reject
            $e.Disposition | Should -Be Reject
            $e.Reasons | Should -Contain 'DMARC fails for example.com: neither SPF nor DKIM passed with a domain aligned with it.'
            $e.Reasons[0] | Should -BeLike 'SPF passed for us-east-1.amazonses.com, which does not align with example.com*'
            $e.Reasons[1] | Should -BeLike 'DKIM passed for d=amazonses.com, which does not align with example.com*'
            $e.Fix | Should -BeLike '*email-address identity: verify example.com as an SES domain identity with Easy DKIM*'
            $e.Fix | Should -BeLike '*custom MAIL FROM subdomain such as bounce.example.com*'
            $e.Findings.Code | Should -Be @('DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM', 'DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT', 'DMARC_FAIL')
            ($e.Findings | Where-Object Code -eq 'DMARC_FAIL').Severity | Should -Be Error
            ($e.Findings | Where-Object Code -eq 'DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT').Subject | Should -Be 'amazonses.com'
        }

        It '2. domain identity with Easy DKIM: DKIM aligns, SPF passes unaligned, so DMARC passes' {
            $e = Test-DmarcCompliance example.com us-east-1.amazonses.com Pass example.com -ZoneFile $Zones
            $e.Result | Should -Be Pass
            $e.SpfAligned | Should -BeFalse
            $e.DkimAligned | Should -BeTrue
            $e.Disposition | Should -Be None
            $e.Fix | Should -BeNullOrEmpty
            $e.Reasons[-1] | Should -Be 'DMARC passes for example.com: DKIM passed with an aligned domain.'
            $e.Findings.Code | Should -Be @('DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM')
            $e.Findings[0].Severity | Should -Be Info
            $e.Findings[0].Remediation | Should -BeLike '*bounce.example.com*include:amazonses.com*'
        }

        It '3. plus the custom MAIL FROM subdomain bounce.example.com: both align' {
            $e = Test-DmarcCompliance -FromDomain example.com -MailFromDomain bounce.example.com -SpfResult Pass -DkimSigningDomain example.com -ZoneFile $Zones
            $e.Result | Should -Be Pass
            $e.SpfAligned | Should -BeTrue
            $e.DkimAligned | Should -BeTrue
            $e.SpfAlignment.FromOrganizationalDomain | Should -Be 'example.com'
            $e.Reasons[-1] | Should -Be 'DMARC passes for example.com: SPF and DKIM passed with an aligned domain.'
            $e.Findings | Should -BeNullOrEmpty
        }

        It '4. spf=pass and dkim=pass for amazonses.com, From a p=quarantine domain: fail, quarantine' {
            $e = Test-DmarcCompliance -FromDomain retail.example.com -MailFromDomain amazonses.com -SpfResult Pass -DkimSigningDomain amazonses.com -ZoneFile $Zones
            $e.Result | Should -Be Fail
            $e.Policy | Should -Be Quarantine
            $e.PolicyDomain | Should -Be 'retail.example.com'
            $e.Disposition | Should -Be Quarantine
            $e.Reasons | Should -Contain 'The policy (p=quarantine at _dmarc.retail.example.com) asks receivers to quarantine (e.g. deliver to spam) mail that fails DMARC.'
            $e.Findings.Code | Should -Be @('DMARC_SPF_NOT_ALIGNED_SES_DEFAULT_MAIL_FROM', 'DMARC_DKIM_NOT_ALIGNED_SES_DEFAULT', 'DMARC_FAIL')
            ($e.Findings | Where-Object Code -eq 'DMARC_FAIL').Message | Should -BeLike '*disposition asked for is quarantine*'
        }
    }

    Context 'verdicts' {
        It 'gives None without a DMARC record, and a Fix' {
            $e = Test-DmarcCompliance -FromDomain nodmarc.test -MailFromDomain sender.test -SpfResult Pass -ZoneFile $AlignmentZone
            $e.Result | Should -Be None
            $e.Disposition | Should -Be None
            $e.Fix | Should -BeLike 'Publish one DMARC record at _dmarc.nodmarc.test*'
        }

        It 'asks for no disposition in testing mode (t=y)' {
            $e = Test-DmarcCompliance testing.test -MailFromDomain sender.test -SpfResult Pass -ZoneFile $AlignmentZone
            $e.Result | Should -Be Fail
            $e.Testing | Should -BeTrue
            $e.Disposition | Should -Be None
        }

        It 'applies np= to a From domain that does not exist' {
            $e = Test-DmarcCompliance nosuch.example.test -ZoneFile $AlignmentZone
            $e.Policy | Should -Be None
            ($e.Reasons -join ' ') | Should -BeLike '*np=none at _dmarc.example.test*'
        }
    }

    Context 'binding' {
        It 'binds a Test-SpfHost result (Sender, Result) by property name' {
            $e = Test-SpfHost -IPAddress 192.0.2.25 -Sender bounce@mail.example.com -ZoneFile $Zone |
                Test-DmarcCompliance -FromDomain www.example.com -ZoneFile $Zone
            $e.MailFromDomain | Should -Be 'mail.example.com'
            $e.SpfResult | Should -Be Pass
            $e.Result | Should -Be Pass
            $e.SpfAligned | Should -BeTrue
        }

        It 'binds From, MailFrom and SigningDomain from other objects' {
            $e = [pscustomobject]@{ From = 'Alice <alice@Example.COM>'; MailFrom = 'x@amazonses.com'; Spf = 'Pass'; SigningDomain = 'example.com' } |
                Test-DmarcCompliance -ZoneFile $Zone
            $e.FromDomain | Should -Be 'example.com'
            $e.Result | Should -Be Pass
        }

        It 'writes InvalidDomainName for a bad name and goes on' {
            $out = [pscustomobject]@{ FromDomain = 'bad..name' }, [pscustomobject]@{ FromDomain = 'example.com' } |
                Test-DmarcCompliance -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $out.FromDomain | Should -Be 'example.com'
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        }

        It 'shows the table view and the default display set' {
            $e = Test-DmarcCompliance example.com -ZoneFile $Zone
            ($e | Format-Table | Out-String -Width 120) | Should -Match 'FromDomain\s+Result\s+SpfAligned\s+DkimAligned\s+Policy\s+Disposition\s+Findings'
            ($e | Format-Table | Out-String -Width 200) | Should -Match 'DMARC_SPF_NOT_PASSED, DMARC_NO_DKIM_SIGNATURE, DMARC_FAIL'
            $e.PSStandardMembers.DefaultDisplayPropertySet.ReferencedPropertyNames | Should -Be FromDomain, Result, SpfAligned, DkimAligned, Policy, Disposition, Reasons, Fix, Findings
            ($e | Format-List | Out-String -Width 200) | Should -Match 'Findings\s+:\s+\{\[Warning\] DMARC_SPF_NOT_PASSED'
        }
    }

    Context 'against a real DNS server (knotd)' -Skip:$noKnot {
        BeforeAll { $knot = Start-KnotServer -Zone @{ 'test' = $AlignmentZone } }
        AfterAll { if ($knot) { Stop-KnotServer $knot } }

        It 'gives the same verdicts as the zone file' {
            $e = Test-DmarcCompliance www.example.test -MailFromDomain sender.test -SpfResult Pass -DkimSigningDomain mail.example.test -Server $knot.Address -TimeoutSec 10
            $e.Result | Should -Be Pass
            $e.DkimAligned | Should -BeTrue
            $f = Test-DmarcCompliance strict.test -MailFromDomain mail.strict.test -SpfResult Pass -Server $knot.Address -TimeoutSec 10
            $f.Result | Should -Be Fail
            $f.Disposition | Should -Be Quarantine
        }

        It 'gives TempError and DmarcDnsError when the policy lookup fails (REFUSED)' {
            $e = Test-DmarcCompliance example.invalid -MailFromDomain example.invalid -SpfResult Pass -Server $knot.Address -TimeoutSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue
            $e.Result | Should -Be TempError
            $e.Disposition | Should -Be None
            $errs | Get-ErrorId | Should -Be 'DmarcDnsError'
        }

        It 'gives TempError when a signing domain''s Organizational Domain is unknown' {
            $e = Test-DmarcCompliance example.test -DkimSigningDomain signer.invalid -Server $knot.Address -TimeoutSec 10 -ErrorVariable errs -ErrorAction SilentlyContinue
            $e.Result | Should -Be TempError
            $e.DkimAlignments[0].Error | Should -BeLike 'the Organizational Domain of signer.invalid is unknown*'
            $errs | Get-ErrorId | Should -Be 'DmarcDnsError'
        }
    }
}
