BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'Helpers' 'Peers.ps1')
    $noHttpsPeers = Test-SkipPeer knotd, python3
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $Policy = Join-Path $RepoRoot 'samples' 'mta-sts.example.com.txt'
    function New-PolicyFile([string] $Text) {
        $path = Join-Path $TestDrive "policy-$([guid]::NewGuid().ToString('N')).txt"
        [IO.File]::WriteAllText($path, $Text)
        $path
    }
}

Describe 'Get-MtaStsPolicy' {
    Context 'offline: zone file and -PolicyPath' {
        It 'binds -Domain by value and audits the sample policy with no findings' {
            $info = 'example.com' | Get-MtaStsPolicy -ZoneFile $Zone -PolicyPath $Policy
            $info | Should -HaveCount 1
            $info | Should -BeOfType ([EmailAuth.Core.MtaSts.MtaStsPolicyInfo])
            $info.Id | Should -Be '20260101T000000'
            $info.Mode | Should -Be Enforce
            $info.MaxAge | Should -Be 1209600
            $info.Mx | Should -Be 'mail.example.com', 'mail2.example.com'
            $info.MxHosts | Should -Be 'mail.example.com', 'mail2.example.com'
            $info.PolicySource | Should -Be $Policy
            $info.Fetched | Should -BeFalse
            $info.IsValid | Should -BeTrue
            $info.Findings | Should -BeNullOrEmpty
        }

        It 'binds Domain (or Name) by property name' {
            $out = [pscustomobject]@{ Domain = 'example.com' }, [pscustomobject]@{ Name = 'typo.example.com' } | Get-MtaStsPolicy -ZoneFile $Zone
            $out.Domain | Should -Be 'example.com', 'typo.example.com'
        }

        It 'says the policy was not fetched with -ZoneFile and no -PolicyPath, instead of failing' {
            $info = Get-MtaStsPolicy example.com -ZoneFile $Zone -ErrorVariable errs
            $errs | Should -BeNullOrEmpty
            $info.Findings.Code | Should -Be 'MTASTS_POLICY_NOT_FETCHED'
            $info.Findings[0].Severity | Should -Be Info
            $info.FetchOutcome | Should -BeNullOrEmpty
            $info.IsValid | Should -BeFalse
        }

        It 'reports an invalid id, two STS records and no record' {
            $out = Get-MtaStsPolicy typo.example.com, dup.example.com, mail.example.com -ZoneFile $Zone
            $out[0].Findings.Code | Should -Contain 'MTASTS_TXT_INVALID'
            $out[1].Findings.Code | Should -Contain 'MTASTS_TXT_MULTIPLE'
            $out[2].Findings.Code | Should -Be 'MTASTS_NO_TXT'
        }

        It 'finds an MX host the policy misses (Error in enforce mode) and a short max_age' {
            $draft = New-PolicyFile "version: STSv1`r`nmode: enforce`r`nmx: mail.example.com`r`nmx: *.old.example.com`r`nmax_age: 3600`r`n"
            $info = Get-MtaStsPolicy example.com -ZoneFile $Zone -PolicyPath $draft
            $info.UnmatchedMxHosts | Should -Be 'mail2.example.com'
            $info.UnusedPatterns | Should -Be '*.old.example.com'
            ($info.Findings | Where-Object Code -eq 'MTASTS_MX_NOT_COVERED').Severity | Should -Be Error
            $info.Findings.Code | Should -Contain 'MTASTS_MAX_AGE_SHORT'
            $info.Findings.Code | Should -Contain 'MTASTS_MX_PATTERN_UNUSED'
            $info.IsValid | Should -BeFalse
        }

        It 'reports policy syntax errors' {
            $draft = New-PolicyFile "version: STSv1`nmode: enforce`nmode: testing`nmx: mail.*.example.com`nmax_age: forever`n"
            $info = Get-MtaStsPolicy example.com -ZoneFile $Zone -PolicyPath $draft
            $info.Findings.Code | Should -Contain 'MTASTS_POLICY_DUPLICATE_KEY'
            $info.Findings.Code | Should -Contain 'MTASTS_POLICY_MX_PATTERN_INVALID'
            $info.Findings.Code | Should -Contain 'MTASTS_POLICY_MAX_AGE_INVALID'
            $info.IsValid | Should -BeFalse
        }

        It 'warns about a policy nobody discovers (no TXT record)' {
            $info = Get-MtaStsPolicy mail.example.com -ZoneFile $Zone -PolicyPath $Policy
            $info.Findings.Code | Should -Contain 'MTASTS_POLICY_WITHOUT_TXT'
        }

        It 'refuses a policy file over 64 KiB and a missing one (terminating)' {
            $big = New-PolicyFile ("version: STSv1`n" + ('#' * 70000))
            { Get-MtaStsPolicy example.com -ZoneFile $Zone -PolicyPath $big -ErrorAction Stop } |
                Should -Throw -ErrorId 'PolicyFileTooLarge,EmailAuth.Commands.GetMtaStsPolicyCommand'
            { Get-MtaStsPolicy example.com -ZoneFile $Zone -PolicyPath (Join-Path $TestDrive 'nope.txt') -ErrorAction Stop } |
                Should -Throw -ErrorId 'PolicyFileNotFound,EmailAuth.Commands.GetMtaStsPolicyCommand'
        }

        It 'writes a non-terminating InvalidDomainName and goes on' {
            $out = Get-MtaStsPolicy 'bad..name', 'example.com' -ZoneFile $Zone -ErrorVariable errs -ErrorAction SilentlyContinue
            $errs | Get-ErrorId | Should -Be 'InvalidDomainName'
            $out.Domain | Should -Be 'example.com'
        }

        It 'has a table view' {
            (Get-MtaStsPolicy example.com -ZoneFile $Zone -PolicyPath $Policy | Format-Table | Out-String) | Should -Match 'enforce|Enforce'
        }
    }

    Context 'a DNS failure' {
        It 'gives MTASTS_DNS_ERROR and the non-terminating MtaStsDnsError' {
            $silent = Start-SilentDnsServer
            try {
                $info = Get-MtaStsPolicy example.com -Server $silent.Address -TimeoutSec 1 -ErrorVariable errs -ErrorAction SilentlyContinue
            }
            finally { $silent.Dispose() }
            $info.Findings.Code | Should -Contain 'MTASTS_DNS_ERROR'
            $errs | Get-ErrorId | Should -Be 'MtaStsDnsError'
        }
    }

    Context 'fetched over HTTPS from a local server (test trust hook)' -Skip:$noHttpsPeers {
        BeforeAll {
            # A CA and a leaf for mta-sts.sts.test, made here; python3's ssl serves them on 127.0.0.1.
            $caKey = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)
            $caReq = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=EmailAuth Pester CA', $caKey, 'SHA256')
            $caReq.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509BasicConstraintsExtension]::new($true, $false, 0, $true))
            $caReq.CertificateExtensions.Add([Security.Cryptography.X509Certificates.X509KeyUsageExtension]::new('KeyCertSign, CrlSign', $true))
            $ca = $caReq.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(30))
            $leafKey = [Security.Cryptography.ECDsa]::Create([Security.Cryptography.ECCurve+NamedCurves]::nistP256)
            $leafReq = [Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=mta-sts.sts.test', $leafKey, 'SHA256')
            $san = [Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder]::new()
            $san.AddDnsName('mta-sts.sts.test')
            $leafReq.CertificateExtensions.Add($san.Build())
            $serial = [byte[]](1..12)
            $leaf = $leafReq.Create($ca, [DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(20), $serial)
            $certPem = Join-Path $TestDrive 'chain.pem'
            $keyPem = Join-Path $TestDrive 'key.pem'
            ($leaf.ExportCertificatePem() + "`n" + $ca.ExportCertificatePem() + "`n") | Set-Content $certPem
            $leafKey.ExportPkcs8PrivateKeyPem() | Set-Content $keyPem
            $body = Join-Path $TestDrive 'served.txt'
            "version: STSv1`nmode: testing`nmx: mx.sts.test`nmax_age: 604800`n" | Set-Content $body -NoNewline
            $portFile = Join-Path $TestDrive 'port'
            $script = Join-Path $TestDrive 'https.py'
            @'
import http.server, ssl, sys
port_file, cert, key, body = sys.argv[1:5]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == '/.well-known/mta-sts.txt' and self.headers.get('Host') == 'mta-sts.sts.test':
            data = open(body, 'rb').read()
            self.send_response(200)
            self.send_header('Content-Type', 'text/plain; charset=utf-8')
            self.send_header('Content-Length', str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        else:
            self.send_response(404)
            self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(cert, key)
server.socket = context.wrap_socket(server.socket, server_side=True)
with open(port_file + '.tmp', 'w') as f:
    f.write(str(server.server_address[1]))
import os
os.rename(port_file + '.tmp', port_file)
server.serve_forever()
'@ | Set-Content $script
            $python = Get-RequiredPeer python3
            $https = Start-Process $python -ArgumentList $script, $portFile, $certPem, $keyPem, $body -PassThru
            $try = 0
            while (-not (Test-Path $portFile)) {
                if ($https.HasExited -or ++$try -ge 200) { throw 'The python3 HTTPS server did not start.' }
                Start-Sleep -Milliseconds 50
            }
            $httpsPort = [int](Get-Content $portFile -Raw)

            $zoneText = @'
$ORIGIN sts.test.
$TTL 300
@ SOA ns.sts.test. hostmaster.sts.test. 1 3600 600 86400 300
@ NS ns
ns A 127.0.0.1
_mta-sts TXT "v=STSv1; id=pester1"
@ MX 10 mx.sts.test.
@ MX 20 backup.sts.test.
mta-sts A 127.0.0.1
'@
            $stsZone = Join-Path $TestDrive 'sts.test.zone'
            $zoneText | Set-Content $stsZone
            $knot = Start-KnotServer -Zone @{ 'sts.test' = $stsZone }

            # The internal test-only hook (no public surface can change trust): one extra root, and the port.
            $hooks = [EmailAuth.Core.MtaSts.MtaStsInspector].Assembly.GetType('EmailAuth.Core.MtaSts.MtaStsTestHooks', $true)
            $rootField = $hooks.GetField('TrustedRoot', [Reflection.BindingFlags]'NonPublic, Static')
            $portField = $hooks.GetField('Port', [Reflection.BindingFlags]'NonPublic, Static')
            $root = [Security.Cryptography.X509Certificates.X509Certificate2]::new($ca.RawData)
        }
        AfterAll {
            if ($rootField) { $rootField.SetValue($null, $null); $portField.SetValue($null, $null) }
            if ($knot) { Stop-KnotServer $knot }
            if ($https -and -not $https.HasExited) { Stop-Process -Id $https.Id }
        }

        It 'refuses the certificate of an unknown CA (MTASTS_FETCH_CERTIFICATE_INVALID)' {
            $portField.SetValue($null, [Nullable[int]]$httpsPort)
            $rootField.SetValue($null, $null)
            $info = Get-MtaStsPolicy sts.test -Server $knot.Address -TimeoutSec 10
            $info.FetchOutcome | Should -Be CertificateInvalid
            $info.Findings.Code | Should -Contain 'MTASTS_FETCH_CERTIFICATE_INVALID'
            $info.Findings.Code | Should -Contain 'MTASTS_TXT_WITHOUT_POLICY'
        }

        It 'fetches the policy with the test root trusted, resolving the policy host through -Server' {
            $portField.SetValue($null, [Nullable[int]]$httpsPort)
            $rootField.SetValue($null, $root)
            $info = Get-MtaStsPolicy sts.test -Server $knot.Address -TimeoutSec 10 -Verbose 4>&1 |
                Where-Object { $_ -is [EmailAuth.Core.MtaSts.MtaStsPolicyInfo] }
            $info.Fetched | Should -BeTrue
            $info.PolicyAddress | Should -Be "127.0.0.1:$httpsPort"
            $info.PolicySource | Should -Be 'https://mta-sts.sts.test/.well-known/mta-sts.txt'
            $info.Mode | Should -Be Testing
            $info.UnmatchedMxHosts | Should -Be 'backup.sts.test'
            ($info.Findings | Where-Object Code -eq 'MTASTS_MX_NOT_COVERED').Severity | Should -Be Warning
            $info.Findings.Code | Should -Contain 'MTASTS_MODE_TESTING'
        }
    }
}
