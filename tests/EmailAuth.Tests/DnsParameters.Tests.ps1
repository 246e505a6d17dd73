# -Server, -ZoneFile and -TimeoutSec, shared by every DNS cmdlet.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
}

Describe 'DNS parameters of <_>' -ForEach 'Get-SpfRecord example.com', 'Test-SpfHost 192.0.2.1 -Sender a@example.com' {
    BeforeAll { $command = $_ }

    It 'gives a missing zone file as a clear terminating ZoneFileNotFound' {
        $r = Invoke-InRunspace -Script "$command -ZoneFile ./no-such.zone"
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileNotFound'
        $r.Errors[0].CategoryInfo.Category | Should -Be ObjectNotFound
        $r.Errors[0].Exception.Message | Should -BeLike '*no-such.zone*'
        $r.Output | Should -BeNullOrEmpty
    }

    It 'refuses -Server together with -ZoneFile' {
        { Invoke-Expression "$command -Server 192.0.2.53 -ZoneFile `$Zone" } | Should -Throw -ErrorId 'AmbiguousParameterSet*'
    }

    It 'limits -TimeoutSec to 1..60 (<_>)' -ForEach 0, 61 {
        { Invoke-Expression "$command -TimeoutSec $_" } | Should -Throw -ErrorId 'ParameterArgumentValidationError*'
    }
}

Describe 'Zone file errors' {
    It 'names the file and line once for a broken zone file' {
        $r = Invoke-InRunspace -Variable @{ fixtures = $Fixtures } -Script 'Get-SpfRecord broken.example -ZoneFile "$fixtures/broken.zone"'
        $r.Errors | Should -HaveCount 1
        $r.Errors[0] | Get-ErrorId | Should -Be 'ZoneFileInvalid'
        $r.Errors[0].CategoryInfo.Category | Should -Be InvalidData
        ([regex]::Matches($r.Errors[0].Exception.Message, 'broken\.zone:5')).Count | Should -Be 1
    }
}

Describe '-Server addresses' {
    It 'rejects <_> with InvalidServerAddress' -ForEach '192.0.2', 'dns.example.com', '192.0.2.53:0', '192.0.2.53:70000', '[2001:db8::53', '[192.0.2.53]:53' {
        $r = Invoke-InRunspace -Script 'Get-SpfRecord example.com -Server $args[0]' -ArgumentList $_
        $r.Errors | Should -HaveCount 1
        $r.Errors[0].FullyQualifiedErrorId | Should -Be 'InvalidServerAddress,EmailAuth.Commands.GetSpfRecordCommand'
        $r.Errors[0].CategoryInfo.Category | Should -Be InvalidArgument
        $r.Errors[0].TargetObject | Should -Be $_
        $r.Output | Should -BeNullOrEmpty
    }

    It 'accepts <_>' -ForEach '192.0.2.53', '192.0.2.53:5353', '2001:db8::53', '[2001:db8::53]', '[2001:db8::53]:5353' {
        # No domain to check: MissingDomain comes after -Server was parsed, before any query.
        $null = Test-SpfHost 192.0.2.1 -Server $_ -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs | Get-ErrorId | Should -Be 'MissingDomain'
    }
}
