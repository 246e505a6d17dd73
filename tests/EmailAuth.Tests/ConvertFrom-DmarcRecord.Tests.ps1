BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'ConvertFrom-DmarcRecord' {
    It 'parses a good record with no findings' {
        $info = ConvertFrom-DmarcRecord 'v=DMARC1; p=reject; rua=mailto:dmarc-reports@example.com' -Domain example.com
        $info | Should -BeOfType ([EmailAuth.Core.Dmarc.DmarcPolicyInfo])
        $info.IsValid | Should -BeTrue
        $info.Policy | Should -Be Reject
        $info.EffectivePolicy | Should -Be Reject
        $info.Rua | Should -Be 'mailto:dmarc-reports@example.com'
        $info.Findings | Should -BeNullOrEmpty
        $info.PolicyDomain | Should -Be 'example.com'
    }

    It 'lints records from the pipeline with stable codes' {
        $out = 'v=DMARC1; p=none', 'v=DMARC1; p=rejectt; pct=150', 'p=reject' | ConvertFrom-DmarcRecord
        $out | Should -HaveCount 3
        $out[0].Findings.Code | Should -Be 'DMARC_POLICY_NONE', 'DMARC_NO_RUA'
        $out[1].IsValid | Should -BeFalse
        $out[1].Findings.Code | Should -Contain 'DMARC_INVALID_TAG_VALUE'
        $out[1].EffectivePolicy | Should -BeNullOrEmpty   # invalid p= and no rua=: no DMARC at all
        $out[2].Findings.Code | Should -Be 'DMARC_NOT_DMARC_RECORD'
    }

    It 'binds Record and Domain by property name from Get-DmarcPolicy' {
        $info = Get-DmarcPolicy example.com -ZoneFile $Zone | ConvertFrom-DmarcRecord
        $info.Domain | Should -Be 'example.com'
        $info.IsValid | Should -BeTrue
    }

    It 'writes InvalidDomainName for a bad -Domain' {
        $out = ConvertFrom-DmarcRecord 'v=DMARC1; p=none' -Domain 'bad..name' -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
        $out | Should -BeNullOrEmpty
    }

    It 'flags what RFC 7489 receivers reject while following RFC 9989' {
        $info = ConvertFrom-DmarcRecord 'v=DMARC1; rua=mailto:a@example.com; p=quarantine; ri=3600; foo=1'
        $info.Findings.Code | Should -Contain 'DMARC_POLICY_NOT_SECOND'
        $info.Findings.Code | Should -Contain 'DMARC_REMOVED_TAG'
        $info.Findings.Code | Should -Contain 'DMARC_UNKNOWN_TAG'
        $info.Policy | Should -Be Quarantine
        $info.IsValid | Should -BeTrue
    }
}
