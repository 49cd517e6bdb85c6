// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

/// @notice The protocol's margin parameters on chain: one signed integer per named field (decimals scaled by
/// 1e18, enum options by index, non-scalar fields by the hash of their canonical JSON) plus the hash of the
/// whole parameter set. The DAO's executor may set anything. A risk steward (Aave's risk-steward pattern)
/// may change a field only within its bound: at most `maxChangeBps` relative change per update, and not
/// before `minDelay` seconds have passed since that field last changed. A bound of 0 keeps the field for
/// the executor alone.
contract RiskParameterRegistry {
    struct Field {
        bool exists;
        int256 value;
        uint16 maxChangeBps;
        uint64 updatedAt;
    }

    uint256 private constant BPS = 10_000;

    address public executor;
    address public steward;
    uint64 public minDelay;
    bytes32 public paramsHash;
    /// @notice Number of parameter updates so far (0 before the first).
    uint256 public version;

    string[] private _names;
    mapping(bytes32 => Field) private _fields;

    error NotExecutor(address caller);
    error NotSteward(address caller);
    error LengthMismatch(uint256 names, uint256 values);
    error EmptyUpdate();
    error UnknownField(string name);
    error DuplicateField(string name);
    error StewardCannotChange(string name);
    error ChangeTooLarge(string name, int256 current, int256 proposed, uint16 maxChangeBps);
    error TooSoon(string name, uint64 allowedAt);
    error ZeroAddress();

    event ParametersUpdated(uint256 indexed version, address indexed by, bool bySteward, bytes32 paramsHash);
    event ParameterChanged(string name, int256 oldValue, int256 newValue);
    event StewardBoundSet(string name, uint16 maxChangeBps);
    event MinDelaySet(uint64 minDelay);
    event StewardSet(address steward);
    event ExecutorSet(address executor);

    modifier onlyExecutor() {
        if (msg.sender != executor) revert NotExecutor(msg.sender);
        _;
    }

    constructor(address executor_, address steward_, uint64 minDelay_) {
        if (executor_ == address(0)) revert ZeroAddress();
        executor = executor_;
        steward = steward_;
        minDelay = minDelay_;
    }

    /// @notice The executor's update: any fields, any values (new fields are added).
    function setParameters(string[] calldata names, int256[] calldata values, bytes32 newParamsHash)
        external
        onlyExecutor
    {
        _apply(names, values, newParamsHash, false);
    }

    /// @notice The steward's update: existing fields only, each within its bound and after the delay.
    function stewardSetParameters(string[] calldata names, int256[] calldata values, bytes32 newParamsHash) external {
        if (msg.sender != steward) revert NotSteward(msg.sender);
        _apply(names, values, newParamsHash, true);
    }

    function setStewardBounds(string[] calldata names, uint16[] calldata maxChangeBps) external onlyExecutor {
        if (names.length != maxChangeBps.length) revert LengthMismatch(names.length, maxChangeBps.length);
        for (uint256 i = 0; i < names.length; i++) {
            Field storage f = _fields[keccak256(bytes(names[i]))];
            if (!f.exists) revert UnknownField(names[i]);
            f.maxChangeBps = maxChangeBps[i];
            emit StewardBoundSet(names[i], maxChangeBps[i]);
        }
    }

    function setMinDelay(uint64 minDelay_) external onlyExecutor {
        minDelay = minDelay_;
        emit MinDelaySet(minDelay_);
    }

    function setSteward(address steward_) external onlyExecutor {
        steward = steward_;
        emit StewardSet(steward_);
    }

    function setExecutor(address executor_) external onlyExecutor {
        if (executor_ == address(0)) revert ZeroAddress();
        executor = executor_;
        emit ExecutorSet(executor_);
    }

    /// @notice Every field in the order it was first set, with its current value.
    function getParameters() external view returns (string[] memory names, int256[] memory values) {
        names = _names;
        values = new int256[](names.length);
        for (uint256 i = 0; i < names.length; i++) {
            values[i] = _fields[keccak256(bytes(names[i]))].value;
        }
    }

    /// @notice Every field with its steward bound and the time it last changed.
    function getFields()
        external
        view
        returns (string[] memory names, int256[] memory values, uint16[] memory maxChangeBps, uint64[] memory updatedAt)
    {
        names = _names;
        uint256 n = names.length;
        values = new int256[](n);
        maxChangeBps = new uint16[](n);
        updatedAt = new uint64[](n);
        for (uint256 i = 0; i < n; i++) {
            Field storage f = _fields[keccak256(bytes(names[i]))];
            values[i] = f.value;
            maxChangeBps[i] = f.maxChangeBps;
            updatedAt[i] = f.updatedAt;
        }
    }

    function _apply(string[] calldata names, int256[] calldata values, bytes32 newParamsHash, bool bySteward)
        private
    {
        if (names.length != values.length) revert LengthMismatch(names.length, values.length);
        if (names.length == 0) revert EmptyUpdate();
        uint256 next = version + 1;
        for (uint256 i = 0; i < names.length; i++) {
            bytes32 key = keccak256(bytes(names[i]));
            Field storage f = _fields[key];
            // A field named twice in one update would let a steward chain two bounded steps.
            for (uint256 j = 0; j < i; j++) {
                if (keccak256(bytes(names[j])) == key) revert DuplicateField(names[i]);
            }
            if (bySteward) _checkStewardBound(names[i], f, values[i]);
            if (!f.exists) {
                f.exists = true;
                _names.push(names[i]);
            } else if (f.value == values[i]) {
                continue;
            }
            emit ParameterChanged(names[i], f.value, values[i]);
            f.value = values[i];
            f.updatedAt = uint64(block.timestamp);
        }
        paramsHash = newParamsHash;
        version = next;
        emit ParametersUpdated(next, msg.sender, bySteward, newParamsHash);
    }

    function _checkStewardBound(string calldata name, Field storage f, int256 proposed) private view {
        if (!f.exists) revert UnknownField(name);
        if (f.value == proposed) return;
        if (f.maxChangeBps == 0) revert StewardCannotChange(name);
        uint64 allowedAt = f.updatedAt + minDelay;
        if (block.timestamp < allowedAt) revert TooSoon(name, allowedAt);
        uint256 diff = _abs(proposed - f.value);
        // |proposed - current| / |current| <= maxChangeBps / 10000, in integers (a zero current value
        // allows no steward change: every relative change from zero is unbounded).
        if (diff * BPS > _abs(f.value) * f.maxChangeBps) {
            revert ChangeTooLarge(name, f.value, proposed, f.maxChangeBps);
        }
    }

    function _abs(int256 x) private pure returns (uint256) {
        return x >= 0 ? uint256(x) : uint256(-x);
    }
}
