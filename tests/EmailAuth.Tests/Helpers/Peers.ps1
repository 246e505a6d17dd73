# The Debian programs tests use as real peers (knotd). A developer without them sees those tests
# skipped; CI sets EMAILAUTH_REQUIRE_PEERS=1 so that a missing peer fails instead of hiding the tests.

function Test-PeersRequired {
    $value = $env:EMAILAUTH_REQUIRE_PEERS
    [bool]($value -and $value -ne '0')
}

function Find-Peer {
    <# Full path of a program from PATH or the usual sbin folders (knotd lives in /usr/sbin), or $null. #>
    param([Parameter(Mandatory)] [string] $Name)
    $dirs = @($env:PATH -split [IO.Path]::PathSeparator) + '/usr/sbin', '/usr/bin', '/sbin', '/usr/local/sbin'
    $dirs | Where-Object { $_ } | ForEach-Object { Join-Path $_ $Name } | Where-Object { Test-Path $_ -PathType Leaf } |
        Select-Object -First 1
}

function Test-SkipPeer {
    <# For -Skip: true when a peer is missing and CI does not require peers. #>
    param([Parameter(Mandatory)] [string[]] $Name)
    -not (Test-PeersRequired) -and @($Name | Where-Object { -not (Find-Peer $_) }).Count -gt 0
}

function Get-RequiredPeer {
    <# Path of a peer; a clear failure when it is absent in a test that was not skipped. #>
    param([Parameter(Mandatory)] [string] $Name)
    $path = Find-Peer $Name
    if (-not $path) { throw "Required test peer '$Name' is not installed (apt-get install knot; .ci/run installs it)." }
    $path
}
