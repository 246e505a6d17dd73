# Real DNS servers on 127.0.0.1 for the cmdlets' -Server tests: Knot DNS (knotd) serving zone files,
# and a UDP socket that never answers (the timeout case). Start them in BeforeAll, stop them in AfterAll.

function Get-FreeLoopbackPort {
    <# A port free for both UDP and TCP on 127.0.0.1 (a DNS server listens on both). #>
    for ($try = 0; $try -lt 50; $try++) {
        $tcp = [System.Net.Sockets.TcpListener]::new([ipaddress]::Loopback, 0)
        $tcp.Start()
        $port = $tcp.LocalEndpoint.Port
        try {
            $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, $port))
            $udp.Dispose()
            return $port
        }
        catch [System.Net.Sockets.SocketException] { }
        finally { $tcp.Stop() }
    }
    throw 'No free loopback port for UDP and TCP after 50 tries.'
}

function Send-DnsQuery {
    <# One raw UDP query (RFC 1035 §4.1); returns the RCODE of the answer, or $null when none came within the timeout. #>
    param([int] $Port, [string] $Name, [uint16] $Type = 6, [int] $TimeoutMs = 500)
    $packet = [System.Collections.Generic.List[byte]]::new()
    $packet.AddRange([byte[]](0x12, 0x34, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00))
    foreach ($label in $Name.TrimEnd('.').Split('.')) {
        $packet.Add([byte]$label.Length)
        $packet.AddRange([System.Text.Encoding]::ASCII.GetBytes($label))
    }
    $packet.AddRange([byte[]](0, ($Type -shr 8), ($Type -band 0xff), 0, 1))
    $udp = [System.Net.Sockets.UdpClient]::new()
    try {
        $udp.Client.ReceiveTimeout = $TimeoutMs
        $null = $udp.Send($packet.ToArray(), $packet.Count, [System.Net.IPEndPoint]::new([ipaddress]::Loopback, $Port))
        $from = [System.Net.IPEndPoint]::new([ipaddress]::Any, 0)
        $reply = $udp.Receive([ref]$from)
        $reply[3] -band 0x0f
    }
    catch [System.Net.Sockets.SocketException] { $null }
    finally { $udp.Dispose() }
}

function Start-KnotServer {
    <# knotd serving each origin from its master file on a free loopback port; waits until every zone answers. #>
    param([Parameter(Mandatory)] [hashtable] $Zone)
    $knotd = Get-RequiredPeer knotd
    $dir = Join-Path ([IO.Path]::GetTempPath()) "emailauth-knot-$([guid]::NewGuid().ToString('N'))"
    $null = New-Item -ItemType Directory $dir
    $port = Get-FreeLoopbackPort
    $config = @(
        'server:', "    listen: 127.0.0.1@$port", "    rundir: $dir"
        'log:', '  - target: stderr', '    any: warning'
        'database:', "    storage: $dir"
        'template:', '  - id: default', "    storage: $dir", '    semantic-checks: off', '    journal-content: none', '    zonefile-load: whole'
        'zone:'
        foreach ($origin in $Zone.Keys) { "  - domain: $($origin.TrimEnd('.'))"; "    file: $((Resolve-Path $Zone[$origin]).Path)" }
    )
    $config | Set-Content (Join-Path $dir 'knot.conf')
    $process = Start-Process $knotd -ArgumentList '-c', (Join-Path $dir 'knot.conf') -PassThru `
        -RedirectStandardError (Join-Path $dir 'stderr.log') -RedirectStandardOutput (Join-Path $dir 'stdout.log')
    $server = [pscustomobject]@{ Process = $process; Port = $port; Address = "127.0.0.1:$port"; Directory = $dir }
    # Bounded wait: 200 tries of up to 0.5 s; each zone must answer its SOA with NOERROR.
    foreach ($origin in $Zone.Keys) {
        $try = 0
        while ((Send-DnsQuery -Port $port -Name $origin) -ne 0) {
            if ($process.HasExited -or ++$try -ge 200) {
                $log = Get-Content (Join-Path $dir 'stderr.log') -Raw -ErrorAction Ignore
                Stop-KnotServer $server
                throw "knotd did not serve $origin on port $port. $log"
            }
            Start-Sleep -Milliseconds 50
        }
    }
    $server
}

function Stop-KnotServer {
    param([Parameter(Mandatory)] $Server)
    if (-not $Server.Process.HasExited) {
        $Server.Process.Kill()
        $null = $Server.Process.WaitForExit(10000)
    }
    Remove-Item $Server.Directory -Recurse -Force -ErrorAction Ignore
}

function Start-SilentDnsServer {
    <# A bound UDP socket that reads nothing and answers nothing: every query to it times out. Dispose() it to stop. #>
    $port = Get-FreeLoopbackPort
    $udp = [System.Net.Sockets.UdpClient]::new([System.Net.IPEndPoint]::new([ipaddress]::Loopback, $port))
    $udp | Add-Member -NotePropertyName Address -NotePropertyValue "127.0.0.1:$port" -PassThru
}
